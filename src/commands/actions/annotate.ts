import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import { parseAnnotations, type AnnotationsFile } from '../../model/annotations.js';
import { createProgress } from '../../progress.js';
import { annotationsTemplate } from '../../render/annotations-template.js';
import type { AnnotateOptions } from '../annotate.js';
import { writeOutput } from '../../output.js';
import { inputExitCode, loadChronology, protectedInputs, reportRunSummary, writesAnything } from '../shared.js';

/** The annotations the output file already holds; none when it does not exist yet. */
async function existingAnnotations(file: string | undefined): Promise<AnnotationsFile> {
  if (file === undefined || file === '-') return {};
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') return {};
    throw new InputError(file, `cannot read the annotations file (${code})`);
  }
  return parseAnnotations(text.replace(/^\uFEFF/, ''), file);
}

export async function runAnnotate(files: string[], options: AnnotateOptions): Promise<number> {
  if (options.output !== undefined && protectedInputs(files, options).some((input) => resolve(input) === resolve(options.output!))) {
    throw new UsageError(`-o ${options.output} is one of the inputs; the annotations file must be a file of its own`);
  }
  const existing = await existingAnnotations(options.output);
  const progress = createProgress({ quiet: options.quiet });
  const { load, linkage, events } = await loadChronology(files, options, progress);
  progress.clear();
  // Written as every output is (atomically, never over a device's link), and not at all when no input could be read.
  if (writesAnything('merge', load, options.output)) await writeOutput(annotationsTemplate(events, linkage.persons, existing), options.output);
  reportRunSummary('merge', load, { ...options, format: 'annotations template' }, { persons: linkage.persons.length, events: events.length });
  return inputExitCode(load, options);
}
