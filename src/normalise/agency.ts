import { cellText } from './field.js';

export const NO_AGENCY = 'no agency: give an agency column, --agency or a profile';

/** The recording agency: the row's own, else the file's (a YAML `agency:`), else the run's (`--agency`, a profile). */
export function resolveAgency(
  cell: string | undefined,
  fileDefault: string | undefined,
  runDefault: string | undefined,
): string | undefined {
  return cellText(cell) ?? cellText(fileDefault) ?? cellText(runDefault);
}
