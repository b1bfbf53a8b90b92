import { basename, extname } from 'node:path';
import { InputError, oneLine, UsageError } from '../../errors.js';
import { checkOutputPath, writeOutput } from '../../output.js';
import { checkCoverage, formatCoverage } from '../../profile/check.js';
import { draftProfile } from '../../profile/draft.js';
import { newDecoder, sniffBufferEncoding } from '../../read/encoding.js';
import { fileProblem, readWhole } from '../../read/file.js';

/** The draft is made from the first rows: a sample this size is plenty and bounds memory. */
const SAMPLE_BYTES = 4 * 1024 * 1024;

/** The first SAMPLE_BYTES of an export as text, cut at the last whole line. */
async function readSample(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readWhole(file);
  } catch (error) {
    throw new InputError(file, fileProblem(error));
  }
  const truncated = bytes.length > SAMPLE_BYTES;
  const sample = truncated ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  const text = newDecoder(sniffBufferEncoding(sample)).decode(sample);
  return truncated ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
}

export async function initProfile(file: string, output: string | undefined): Promise<number> {
  if (['.yaml', '.yml'].includes(extname(file).toLowerCase())) {
    throw new UsageError(`profile init drafts profiles for CSV exports; ${JSON.stringify(file)} is YAML`);
  }
  checkOutputPath(output, [file]);
  const draft = draftProfile(await readSample(file), basename(file));
  await writeOutput(draft.yaml, output);
  if (output !== undefined && output !== '-') process.stderr.write(`chronology: wrote ${oneLine(output)}; review each CHECK comment\n`);
  return 0;
}


export async function checkProfile(profileFile: string, file: string): Promise<number> {
  await writeOutput(formatCoverage(await checkCoverage(profileFile, file)), undefined);
  return 0;
}
