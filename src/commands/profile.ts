import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { checkCoverage, formatCoverage } from '../profile/check.js';
import { draftProfile } from '../profile/draft.js';
import { newDecoder, sniffBufferEncoding } from '../read/encoding.js';
import { fileProblem } from '../read/file.js';
import type { CommandModule } from './types.js';

/** The draft is made from the first rows: a sample this size is plenty and bounds memory. */
const SAMPLE_BYTES = 4 * 1024 * 1024;

const EXAMPLES = `
Examples:
  $ chronology profile init exports/police.csv -o profiles/police.yaml
  $ chronology profile check profiles/police.yaml exports/police.csv
  $ chronology analyse exports/police.csv --profile profiles/police.yaml
  $ chronology analyse exports/* --profiles profiles/     # each file meets the profile whose match: fits`;

/** The first SAMPLE_BYTES of an export as text, cut at the last whole line. */
async function readSample(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(file, fileProblem(error));
  }
  const truncated = bytes.length > SAMPLE_BYTES;
  const sample = truncated ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  const text = newDecoder(sniffBufferEncoding(sample)).decode(sample);
  return truncated ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
}

async function initProfile(file: string, output: string | undefined): Promise<number> {
  if (['.yaml', '.yml'].includes(extname(file).toLowerCase())) {
    throw new UsageError(`profile init drafts profiles for CSV exports; ${JSON.stringify(file)} is YAML`);
  }
  checkOutputPath(output, [file]);
  const draft = draftProfile(await readSample(file), basename(file));
  await writeOutput(draft.yaml, output);
  if (output !== undefined && output !== '-') process.stderr.write(`chronology: wrote ${output}; review each CHECK comment\n`);
  return 0;
}

export const profileCommand: CommandModule = {
  register(program: Command, run) {
    const profile = program
      .command('profile')
      .description("write and check agency profiles: YAML that maps an export's own columns and codes")
      .addHelpText('after', EXAMPLES);
    profile
      .command('init')
      .description('draft a profile from the header and a sample of rows of an export')
      .argument('<file>', 'an agency export (CSV)')
      .option('-o, --output <profile>', 'write the draft to PROFILE instead of stdout')
      .addHelpText('after', EXAMPLES)
      .action((file: string, options: { output?: string }) => run(() => initProfile(file, options.output)));
    profile
      .command('check')
      .description('report how a profile covers an export: rows mapped and skipped, values not mapped, columns not used')
      .argument('<profile>', 'the profile (YAML)')
      .argument('<file>', 'an agency export')
      .addHelpText('after', EXAMPLES)
      .action((profileFile: string, file: string) =>
        run(async () => {
          await writeOutput(formatCoverage(await checkCoverage(profileFile, file)), undefined);
          return 0;
        }),
      );
  },
};
