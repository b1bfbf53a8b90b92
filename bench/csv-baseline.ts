/**
 * The baseline the end-to-end benchmark is measured against: a bare streaming csv-parse pass
 * over the given files, counting records. `node dist/bench/csv-baseline.js FILE...`
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let records = 0;
for (const file of process.argv.slice(2)) {
  for await (const record of createReadStream(file).pipe(parse())) if (record) records += 1;
}
process.stdout.write(`${records}\n`);
