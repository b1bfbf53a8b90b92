import { mkdir, writeFile } from 'node:fs/promises';
import { schemaDocuments } from './catalogue.js';

/** `npm run schemas`: regenerates schemas/ from the zod schemas. */
const target = new URL('../../../schemas/', import.meta.url);
await mkdir(target, { recursive: true });
for (const [file, text] of Object.entries(schemaDocuments())) {
  await writeFile(new URL(file, target), text);
  process.stdout.write(`schemas/${file}\n`);
}
