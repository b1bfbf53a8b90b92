import { quote } from '../errors.js';
import type { ChronologyRecord, RawRow, Rejected, Warning } from '../model/record.js';
import type { NormaliseOptions, NormalisedFile } from '../model/stages.js';
import { createRowMemos, normaliseRow, type AmbiguousDate } from './row.js';

export { isValidNhsNumber } from './nhs.js';
export { parseDate } from './date.js';

export interface Normaliser {
  push(row: RawRow | Rejected, defaults?: Record<string, string>): void;
  finish(): NormalisedFile;
}

function monthFirstNote(rows: number, example: string): string {
  return (
    `dates look month-first (${rows} row${rows === 1 ? '' : 's'} such as ${quote(example)}); ` +
    'day-first is the default: use a profile with date format monthfirst'
  );
}

/** Whether UK local time differs from the time as written: the example worth showing. */
function movedByZone(example: { value: string; date: string }): boolean {
  return example.value.slice(0, 16).replace(' ', 'T') !== example.date;
}

function zonedNote(rows: number, example: { value: string; date: string }): string {
  return (
    `${rows} row${rows === 1 ? '' : 's'} give a time with a zone (Z or an offset), read in UK local time (Europe/London, summer time included): ` +
    `${quote(example.value)} is ${example.date.replace('T', ' ')}`
  );
}

/**
 * Normalises one file's rows as they stream past, keeping only results. Every pushed row ends
 * in exactly one of records and rejected, in the order pushed. When any date of the file only
 * makes sense month-first, dates that read either way cannot be trusted, so finish() rejects
 * the records that rest on one rather than guess.
 */
export function createNormaliser(options: NormaliseOptions): Normaliser {
  const results: (ChronologyRecord | Rejected)[] = [];
  const warnings: { at: number; warning: Warning }[] = [];
  const ambiguousAt = new Map<number, AmbiguousDate[]>();
  let monthFirstRows = 0;
  let monthFirstExample = '';
  let zonedRows = 0;
  let zonedExample: { value: string; date: string } | undefined;
  const memos = createRowMemos();

  return {
    push(row, defaults) {
      if ('reason' in row) {
        results.push(row);
        return;
      }
      const result = normaliseRow(row, defaults, options, memos);
      if (result.monthFirst !== undefined) {
        if (monthFirstRows === 0) monthFirstExample = result.monthFirst;
        monthFirstRows += 1;
      }
      if (result.zoned !== undefined) {
        if (zonedExample === undefined || (!movedByZone(zonedExample) && movedByZone(result.zoned))) zonedExample = result.zoned;
        zonedRows += 1;
      }
      if ('rejected' in result) {
        results.push(result.rejected);
        return;
      }
      const at = results.length;
      results.push(result.record);
      for (const warning of result.warnings) warnings.push({ at, warning });
      if (result.ambiguous.length > 0) ambiguousAt.set(at, result.ambiguous);
    },

    finish() {
      const looksMonthFirst = monthFirstRows > 0;
      const file: NormalisedFile = { records: [], rejected: [], warnings: [], notes: [] };
      const rejectedAt = new Set<number>();
      const lateWarnings: Warning[] = [];
      results.forEach((result, at) => {
        if ('reason' in result) {
          file.rejected.push(result);
          return;
        }
        const ambiguous = looksMonthFirst ? (ambiguousAt.get(at) ?? []) : [];
        const untrusted = ambiguous.find((a) => a.field !== 'end_date');
        if (untrusted) {
          rejectedAt.add(at);
          file.rejected.push({
            file: result.file,
            line: result.line,
            reason: `ambiguous date ${quote(untrusted.value)} in a file that looks month-first`,
          });
        } else if (ambiguous.length > 0) {
          const kept = { ...result };
          delete kept.end_date;
          file.records.push(kept);
          lateWarnings.push({
            file: result.file,
            line: result.line,
            field: 'end_date',
            message: `ambiguous end_date ${quote(ambiguous[0]?.value ?? '')} in a file that looks month-first, not used`,
          });
        } else {
          file.records.push(result);
        }
      });
      file.warnings = [...warnings.filter((w) => !rejectedAt.has(w.at)).map((w) => w.warning), ...lateWarnings];
      if (looksMonthFirst) file.notes.push(monthFirstNote(monthFirstRows, monthFirstExample));
      if (zonedExample !== undefined) file.notes.push(zonedNote(zonedRows, zonedExample));
      return file;
    },
  };
}
