import { quote } from '../errors.js';
import type { PartialDate } from '../model/date.js';
import type { ChronologyRecord, PersonName, RawRow, Rejected, Warning } from '../model/record.js';
import type { DateFormat, NormaliseOptions } from '../model/stages.js';
import { NO_AGENCY, resolveAgency } from './agency.js';
import { isAmbiguousDayMonth, parseDate } from './date.js';
import { remember } from '../util/remember.js';
import { cellText, collapseSpaces, interned } from './field.js';
import { parseName } from './name.js';
import { parseNhsNumber } from './nhs.js';
import { parseSeverity } from './severity.js';
import { parseThresholdMet } from './threshold.js';
import { COMPARED_ADDRESS_CHARS, COMPARED_NAME_CHARS } from '../model/limits.js';
import { parseEventType } from './type.js';

export type DateField = 'date' | 'end_date' | 'dob';

/** A date read day-first from a numeric cell that would read differently month-first (03/04/2021). */
export interface AmbiguousDate {
  field: DateField;
  value: string;
}

interface Outcome {
  /** The first date cell of the row that only makes sense month-first, if any. */
  monthFirst?: string;
  /** The first date cell of the row with a time zone, and the UK local time it was read as. */
  zoned?: { value: string; date: PartialDate };
}
export type RowResult =
  | (Outcome & { record: ChronologyRecord; warnings: Warning[]; ambiguous: AmbiguousDate[] })
  | (Outcome & { rejected: Rejected });

const TEXT_FIELDS = ['record_id', 'person_id', 'address', 'postcode', 'household_id', 'outcome', 'description', 'impact'] as const;

/**
 * Whether date `a` is certainly before `b`, whatever their precision leaves open: compared at
 * the coarser precision, since PartialDate strings sort chronologically and a coarser one contains the finer.
 */
export function isCertainlyBefore(a: PartialDate, b: PartialDate): boolean {
  const length = Math.min(a.length, b.length);
  return a.slice(0, length) < b.slice(0, length);
}

/** Most results a per-file memo keeps before it is emptied, bounding its memory. */
const MAX_MEMO = 1 << 16;

/**
 * Memos of one file's cell readers, by cell text: a file repeats its dates, types, severities and
 * NHS numbers over many rows. `seen` keeps one copy of each derived value across the rows.
 */
export interface RowMemos {
  seen: Map<string, string>;
  dates: Record<DateField, Map<string, { parsed: ReturnType<typeof parseDate>; ambiguous: boolean }>>;
  types: Map<string, ReturnType<typeof parseEventType>>;
  severities: Map<string, ReturnType<typeof parseSeverity>>;
  thresholds: Map<string, ReturnType<typeof parseThresholdMet>>;
  nhsNumbers: Map<string, ReturnType<typeof parseNhsNumber>>;
}

export function createRowMemos(): RowMemos {
  return {
    seen: new Map(),
    dates: { date: new Map(), end_date: new Map(), dob: new Map() },
    types: new Map(),
    severities: new Map(),
    thresholds: new Map(),
    nhsNumbers: new Map(),
  };
}

/** `read(cell)`, remembered by the cell's text; a missing cell is read each time (it is cheap). */
function remembered<T>(memo: Map<string, T>, cell: string | undefined, read: (cell: string | undefined) => T): T {
  if (cell === undefined) return read(cell);
  if (memo.size >= MAX_MEMO && !memo.has(cell)) memo.clear();
  return remember(memo, cell, read);
}

function internedName(name: PersonName, seen: Map<string, string>): PersonName {
  if (name.given !== undefined) name.given = interned(seen, name.given);
  if (name.family !== undefined) name.family = interned(seen, name.family);
  return name;
}

/** Fields linkage compares, with how much of each it examines: a longer value is warned about. */
const COMPARED_LENGTHS: readonly (readonly [field: 'name' | 'given_name' | 'family_name' | 'address', limit: number])[] = [
  ['name', COMPARED_NAME_CHARS],
  ['given_name', COMPARED_NAME_CHARS],
  ['family_name', COMPARED_NAME_CHARS],
  ['address', COMPARED_ADDRESS_CHARS],
];

/**
 * Normalises one raw row into a record (with its warnings) or a rejection naming every reason.
 * `memos` are shared by the rows of one file (see RowMemos).
 */
export function normaliseRow(
  row: RawRow,
  defaults: Record<string, string> | undefined,
  options: NormaliseOptions,
  memos: RowMemos = createRowMemos(),
): RowResult {
  const seen = memos.seen;
  const cells = row.values;
  const warnings: Warning[] = [];
  const warn = (field: string, message: string): void => {
    warnings.push({ file: row.file, line: row.line, field, message });
  };
  const ambiguous: AmbiguousDate[] = [];
  let monthFirst: string | undefined;
  let zoned: Outcome['zoned'];

  const readDate = (field: DateField): { date?: PartialDate; error?: string } => {
    const text = cellText(cells[field]);
    if (text === undefined) return {};
    const format: DateFormat = options.dateFormats?.[field] ?? 'auto';
    const read = remembered(memos.dates[field], text, () => {
      const parsed = parseDate(text, format);
      return { parsed, ambiguous: !('error' in parsed) && (format === 'auto' || format === 'dayfirst') && isAmbiguousDayMonth(text) };
    });
    const parsed = read.parsed;
    if ('error' in parsed) {
      if (parsed.monthFirst) monthFirst ??= text;
      return { error: parsed.error };
    }
    if (read.ambiguous) ambiguous.push({ field, value: text });
    if (parsed.zoned) zoned ??= { value: text, date: parsed.date };
    return { date: interned(seen, parsed.date) };
  };

  const reasons: string[] = [];
  const agency = resolveAgency(cells.agency, defaults?.agency, options.agency);
  if (agency === undefined) reasons.push(NO_AGENCY);
  const start = readDate('date');
  if (start.error) reasons.push(start.error);
  else if (!start.date) reasons.push('no date');
  const end = readDate('end_date');
  const birth = readDate('dob');
  if (agency === undefined || !start.date) {
    return { rejected: { file: row.file, line: row.line, reason: reasons.join('; ') }, ...(monthFirst ? { monthFirst } : {}), ...(zoned ? { zoned } : {}) };
  }
  const date = start.date;

  let endDate = end.date;
  if (end.error) warn('end_date', `${end.error}, not used`);
  if (endDate && isCertainlyBefore(endDate, date)) {
    warn('end_date', `end_date ${quote(cells.end_date ?? '')} is before the date ${quote(cells.date ?? '')}, not used`);
    endDate = undefined;
  }
  const keptAmbiguous = endDate ? ambiguous : ambiguous.filter((a) => a.field !== 'end_date');
  if (birth.error) warn('dob', `${birth.error}, not used`);
  if (birth.date && isCertainlyBefore(date, birth.date)) {
    warn('dob', `dob ${quote(cells.dob ?? '')} is after the event date ${quote(cells.date ?? '')} (a pre-birth record, or a wrong date?)`);
  }

  const type = remembered(memos.types, cells.type, parseEventType);
  if (type.warning) warn('type', type.warning);
  const severity = remembered(memos.severities, cells.severity, parseSeverity);
  if (severity.warning) warn('severity', severity.warning);
  const thresholdMet = remembered(memos.thresholds, cells.threshold_met, parseThresholdMet);
  if (thresholdMet.warning) warn('threshold_met', thresholdMet.warning);
  const nhsNumber = remembered(memos.nhsNumbers, cells.nhs_number, parseNhsNumber);
  if (nhsNumber.warning) warn('nhs_number', nhsNumber.warning);
  const source = cellText(cells.source);
  for (const [field, limit] of COMPARED_LENGTHS) {
    const length = cells[field]?.length ?? 0;
    if (length > limit) warn(field, `${field} is ${length.toLocaleString('en-GB')} characters long: only its first ${limit} are compared when linking people`);
  }

  // Named properties rather than a spread of the row's reference: V8 builds this literal several times faster.
  const record: ChronologyRecord = {
    file: row.file,
    line: row.line,
    agency,
    name: internedName(parseName(cells), seen),
    date,
    type: type.value,
    // The row's own cells, not a copy: readers make a new values object for every row and nothing changes it.
    original: cells,
  };
  for (const field of TEXT_FIELDS) {
    const text = cellText(cells[field]);
    if (text !== undefined) record[field] = text;
  }
  if (nhsNumber.value) record.nhs_number = nhsNumber.value;
  if (birth.date) record.dob = birth.date;
  if (endDate) record.end_date = endDate;
  if (severity.value) record.severity = severity.value;
  if (source) record.source = interned(seen, collapseSpaces(source).toLowerCase());
  if (thresholdMet.value !== undefined) record.threshold_met = thresholdMet.value;
  return { record, warnings, ambiguous: keptAmbiguous, ...(monthFirst ? { monthFirst } : {}), ...(zoned ? { zoned } : {}) };
}
