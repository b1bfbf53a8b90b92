import { Document, isMap, isScalar, type Node } from 'yaml';
import { EVENT_TYPES, normaliseHeader, type CanonicalColumn, type EventType } from '../model/vocabulary.js';
import type { Profile } from './schema.js';
import { sampleTable, type SampledTable } from './table.js';

/** Words before a field name that say whose it is: `Subject Surname`, `Patient NHS No`. */
const PERSON_PREFIX = /^(subject|patient|pupil|child|client|service_user|person|young_person|victim|nominal|cyp)_/;

/** What is left of a person-prefixed header that is the person's own id. */
const PERSON_ID_CORE = /^(id|ref|reference|no|number|identifier|urn)$/;

/** Synonyms for each canonical field, most telling first, on normalised headers without a person prefix. */
const SYNONYMS: [CanonicalColumn, (string | RegExp)[]][] = [
  ['nhs_number', ['nhs_number', 'nhs_no', 'nhs', 'nhsno', 'nhs_num', /^nhs_/]],
  ['dob', ['dob', 'd_o_b', 'date_of_birth', 'birth_date', 'birthdate', 'dateofbirth', 'born', /birth/]],
  ['given_name', ['forename', 'forenames', 'first_name', 'firstname', 'given_name', 'given_names', 'givenname', 'christian_name', 'first', 'given', 'legal_forename', 'preferred_forename']],
  ['family_name', ['surname', 'last_name', 'lastname', 'family_name', 'familyname', 'last', 'family', 'legal_surname']],
  ['name', ['name', 'full_name', 'fullname', 'display_name']],
  ['end_date', ['end_date', 'stop', 'end', 'end_datetime', 'stop_date', 'date_end', 'date_closed', 'closed_date', 'closure_date', 'step_end_date', 'date_to', 'to_date', 'completed_date', 'completion_date']],
  [
    'date',
    [
      /^(occurrence|incident|contact|event|entry|appt|appointment|referral|concern|record|recorded|reported|log|start|step_start|episode_start|encounter|consultation|visit)_?date_?(time)?$/,
      /^date_of_(incident|occurrence|contact|concern|event|referral)$/,
      /^(start|started|date_start|start_time|occurred|occurred_at|reported_at|when)$/,
      'date',
      'date_time',
      'datetime',
      /(^|_)date(_time)?$/,
    ],
  ],
  ['household_id', ['household_id', 'household', 'family_id', 'household_ref', 'family_ref']],
  ['record_id', [/^(record|occurrence|incident|log|entry|event|contact|appt|appointment|concern|case_note|referral|step)_?(id|ref|reference|no|number)$/, 'record_id', 'ref', 'reference', 'id', 'urn']],
  ['person_id', ['person_id', 'upn', 'mosaic_id', 'lcs_id', 'nominal_id', 'patient_no', 'patient_id', 'client_id', 'pupil_id', 'student_id', 'person_ref', 'patient', 'client', 'person', 'pupil', 'student', 'nominal', /^(id|ref|no|number)$/]],
  [
    'type',
    ['incident_category', 'category', 'concern_category', 'concern_type', 'incident_type', 'event_type', 'contact_type', 'step_type', 'record_type', 'entry_type', 'encounter_type', 'encounterclass', 'encounter_class', 'offence_type', 'offence_class', 'offence_classification', 'incident_classification', 'categories', 'type', 'classification', /category$/, /classification$/, /_type$/, 'reason'],
  ],
  ['severity', ['severity', 'risk_level', 'risk_grading', 'risk', 'grading', 'dash_risk', 'priority', /risk/]],
  ['threshold_met', ['threshold_met', 'threshold', 'meets_threshold', 'threshold_reached']],
  ['outcome', ['outcome', 'action_taken', 'action', 'decision', 'result', 'disposal', /outcome/]],
  ['source', ['source_of_harm', 'harm_source', 'perpetrator', 'alleged_perpetrator', 'suspect_relationship', 'perpetrator_relationship', 'source']],
  ['postcode', ['postcode', 'post_code', 'postal_code', 'zip', 'zip_code', 'zipcode', 'home_postcode']],
  ['address', ['address', 'full_address', 'home_address', 'address_line_1', 'address_1', /address/]],
  ['description', ['description', 'details', 'narrative', 'officer_narrative', 'summary', 'notes', 'note', 'free_text', 'clinician_notes', 'concern_details', 'comments', 'text', 'incident', /narrative|details|notes/]],
  ['impact', ['impact', 'impact_on_child', /impact/]],
];

/** Keywords that suggest an event type for an agency's own category; the first that fits wins. */
const TYPE_HINTS: [RegExp, EventType][] = [
  [/\b(dna|wnb|did not attend|was not brought|no access)\b/i, 'missed_appointment'],
  [/\b(da|dv)\b|domestic|encompass/i, 'domestic_abuse'],
  [/neglect|hygiene|hungry|hunger|unkempt|late collection|untreated|decay/i, 'neglect'],
  [/physical/i, 'physical_abuse'],
  [/emotional/i, 'emotional_abuse'],
  [/sexual/i, 'sexual_abuse'],
  [/exploit|\bc[cs]e\b|county lines/i, 'exploitation'],
  [/self[\s-]?harm/i, 'self_harm'],
  [/missing|abscond/i, 'missing_episode'],
  [/assault/i, 'physical_abuse'],
  [/injur|bruis|burn\b/i, 'injury'],
  [/online/i, 'online_harm'],
  [/substance|drug|alcohol|drunk/i, 'parental_substance_misuse'],
  [/mental health/i, 'parental_mental_health'],
  [/conflict|argument|dispute/i, 'parental_conflict'],
  [/learning (needs|disabilit)/i, 'parental_learning_needs'],
  [/housing|evict|homeless|tenancy/i, 'housing'],
  [/poverty|food bank|financ|debt/i, 'poverty'],
  [/absen|attendance|truan/i, 'school_absence'],
  [/development|speech|language/i, 'developmental_concern'],
  [/behaviou?r|disrupt|exclusion/i, 'behaviour_concern'],
  [/health|medical|illness|weight|dental/i, 'health_concern'],
  [/strategy/i, 'strategy_meeting'],
  [/referral/i, 'referral'],
  [/assessment/i, 'assessment'],
  [/\bplan\b|\bcin\b|\bcp\b/i, 'plan'],
  [/clos(ed|ure)/i, 'case_closure'],
  [/contact|notification/i, 'contact'],
  [/strength|protective|positive|praise|achievement/i, 'strength'],
];

const SEVERITY_HINTS: [RegExp, string][] = [
  [/very high|critical/i, 'critical'],
  [/high/i, 'serious'],
  [/medium|moderate/i, 'moderate'],
  [/standard|low/i, 'low'],
];

const MISSED = /^(dna|wnb|did not attend|was not brought)$/i;
const SKIPPABLE = /cancel|void|deleted|in error|duplicate|test record/i;

const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$/;
const NAMED_DATE = /^\d{1,2}(st|nd|rd|th)?[\s-][a-z]{3,9}\.?[\s-]\d{2,4}$/i;
const TIME = /^\d{1,2}:\d{2}(:\d{2})?$/;
const EXCEL_SERIAL = /^\d{5}(\.\d+)?$/;
/** A value with the digits of a date: 2021-03-04, 04/03/2021, 4 Mar 2021 (a plain number is no sign of one). */
const DATE_LIKE = /^\d{1,4}[-/. ]([a-z]{3,9}\.?|\d{1,2})[-/. ]\d{1,4}\b/i;

type DateGuess = { format?: 'dayfirst' | 'monthfirst' | 'excel'; unsure?: string };

/** How a date column is written, from its values; `unsure` says why when they do not tell. */
export function guessDateFormat(values: readonly string[]): DateGuess {
  const dates = values.map((v) => v.trim().replace(/[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i, '')).filter((v) => v !== '');
  if (dates.length === 0) return { unsure: 'no values in the sample to tell the date format from' };
  if (dates.every((d) => ISO_DATE.test(d))) return {};
  if (dates.every((d) => EXCEL_SERIAL.test(d))) return { format: 'excel' };
  const numeric = dates.map((d) => NUMERIC_DATE.exec(d)).filter((m) => m !== null);
  if (numeric.length > 0) {
    const firstOver12 = numeric.some((m) => Number(m[1]) > 12);
    const secondOver12 = numeric.some((m) => Number(m[2]) > 12);
    if (firstOver12 && !secondOver12) return { format: 'dayfirst' };
    if (secondOver12 && !firstOver12) return { format: 'monthfirst' };
    return { format: 'dayfirst', unsure: 'every date in the sample reads both day-first and month-first; day-first assumed' };
  }
  if (dates.every((d) => NAMED_DATE.test(d) || ISO_DATE.test(d))) return { format: 'dayfirst' };
  return { format: 'dayfirst', unsure: 'the date values have no form the draft recognises' };
}

export function guessType(value: string): EventType | undefined {
  const code = normaliseHeader(value);
  const exact = EVENT_TYPES.find((t) => t === code);
  if (exact) return exact;
  return TYPE_HINTS.find(([pattern]) => pattern.test(value))?.[1];
}

function distinctCounts(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const formatCount = ([value, count]: [string, number]): string => `${JSON.stringify(value)} ×${count}`;

function synonymMatches(synonym: string | RegExp, core: string): boolean {
  return typeof synonym === 'string' ? core === synonym : synonym.test(core);
}

/** Which column each canonical field comes from: each column used once, the strongest synonym first. */
/** A header as words joined by `_`: `NominalSurname`, `Incident Date/Time` and `D.O.B.` become `nominal_surname`, `incident_date_time`, `d_o_b`. */
export function headerWords(header: string): string {
  return header
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function guessColumns(header: readonly string[]): Map<CanonicalColumn, number> {
  const cores = header.map((h) => headerWords(h).replace(PERSON_PREFIX, ''));
  const taken = new Set<number>();
  const chosen = new Map<CanonicalColumn, number>();
  // `Patient ID`, `Nominal Ref`: an id that names whose it is identifies the person, not the record.
  const personId = header.findIndex((h, i) => headerWords(h) !== cores[i] && PERSON_ID_CORE.test(cores[i] ?? ''));
  if (personId >= 0) {
    chosen.set('person_id', personId);
    taken.add(personId);
  }
  for (const [field, synonyms] of SYNONYMS) {
    if (chosen.has(field)) continue;
    for (const synonym of synonyms) {
      const index = cores.findIndex((core, i) => !taken.has(i) && synonymMatches(synonym, core));
      if (index >= 0) {
        chosen.set(field, index);
        taken.add(index);
        break;
      }
    }
  }
  if (chosen.has('given_name') && chosen.has('family_name') && chosen.has('name')) chosen.delete('name');
  return chosen;
}

function guessAgency(header: readonly string[], titles: string): string {
  const text = `${header.join(' ')} ${titles}`.toLowerCase();
  const kinds: [RegExp, string][] = [
    [/police|constabulary|occurrence|officer/, 'Police'],
    [/school|pupil|upn|year group|academy/, 'School'],
    [/social care|mosaic|\blcs\b|step type|worker|assessment/, "Children's Social Care"],
    [/nhs|patient|appt|clinic|gp\b|health/, 'Health'],
    [/housing|tenan/, 'Housing'],
  ];
  const found = kinds.find(([pattern]) => pattern.test(text));
  return found?.[1] ?? 'Unknown agency';
}

/** A comment for the key of a map entry, above it; for a key the draft did not write, above its parent's, or the whole draft. */
function commentKey(doc: Document, path: (string | number)[], comment: string): void {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]) : undefined;
  if (pair && isScalar(pair.key)) {
    const key = pair.key as Node;
    key.commentBefore = key.commentBefore ? `${key.commentBefore}\n${comment}` : comment;
  } else if (path[0] === 'values' && path.length === 2 && doc.hasIn(['columns', path[1]])) commentKey(doc, ['columns', path[1] as string], comment);
  else if (path.length > 1) commentKey(doc, path.slice(0, -1), comment);
  else doc.commentBefore = `${doc.commentBefore ?? ''}\n${comment}`;
}

export interface Draft {
  profile: Profile;
  /** The profile as YAML, with comments on what was found and `# CHECK:` where the draft was unsure. */
  yaml: string;
}

/**
 * A draft profile for an export, from its header and a sample of rows: title lines, column
 * mapping by synonyms, date formats from the values, and a value map skeleton for the type
 * column. It runs as written; what it could not map lands in `other`.
 */
export function draftProfile(text: string, fileName: string): Draft {
  const table = sampleTable(text);
  return draftFromTable(table, fileName, text.split(/\r?\n/, table.titleLines).join(' '));
}

export function draftFromTable(table: SampledTable, fileName: string, titles = ''): Draft {
  const { header, rows } = table;
  const valuesOf = (index: number): string[] => rows.map((r) => (r[index] ?? '').trim());
  const chosen = guessColumns(header);
  const checks = new Map<string, string[]>();
  const check = (path: string, note: string): void => {
    checks.set(path, [...(checks.get(path) ?? []), note]);
  };
  // A profile must say where the date is: failing a known name, the first other column of dates, else a stand-in to replace.
  if (!chosen.has('date')) {
    const free = header.map((_, i) => i).filter((i) => ![...chosen.values()].includes(i));
    const ofDates = free.find((i) => valuesOf(i).some((v) => v !== '') && guessDateFormat(valuesOf(i)).unsure === undefined && valuesOf(i).every((v) => v === '' || DATE_LIKE.test(v)));
    const named = free.find((i) => /date|time|when/.test(normaliseHeader(header[i] ?? '')));
    const index = ofDates ?? named ?? free[0] ?? 0;
    if (index !== undefined) {
      chosen.set('date', index);
      check(
        'columns.date',
        ofDates === undefined
          ? `no date column recognised: ${JSON.stringify(header[index])} stands in; put the column that says when it happened here`
          : `no column is named as the date it happened; ${JSON.stringify(header[index])} holds dates: is it the right one?`,
      );
    }
  }

  const columns: Record<string, unknown> = {};
  const dateNotes: string[] = [];
  const timeIndex = header.findIndex((h, i) => /(^|_)time$/.test(normaliseHeader(h)) && ![...chosen.values()].includes(i) && valuesOf(i).filter((v) => v !== '').every((v) => TIME.test(v)));
  for (const [field, index] of [...chosen].sort((a, b) => a[1] - b[1])) {
    const column = header[index] ?? '';
    if (field !== 'date' && field !== 'end_date' && field !== 'dob') {
      columns[field] = column;
      continue;
    }
    const withTime = field === 'date' && timeIndex >= 0;
    const values = withTime ? valuesOf(index).map((v, r) => `${v} ${rows[r]?.[timeIndex] ?? ''}`.trim()) : valuesOf(index);
    const guess = guessDateFormat(values);
    if (guess.unsure) check(`columns.${field}`, `${JSON.stringify(column)}: ${guess.unsure}`);
    if (withTime) {
      columns[field] = { columns: [column, header[timeIndex] ?? ''], ...(guess.format ? { format: guess.format } : {}) };
      dateNotes.push(`date and time joined from ${JSON.stringify(column)} and ${JSON.stringify(header[timeIndex])}`);
    } else columns[field] = guess.format ? { column, format: guess.format } : column;
  }
  if (!chosen.has('type')) check('columns', 'no type column recognised: every row will be type other until one is mapped');

  const values: Record<string, unknown[]> = {};
  const valueNotes = new Map<string, string>();
  const typeIndex = chosen.get('type');
  const statusIndex = header.findIndex((h, i) => i !== typeIndex && /status|attend/.test(normaliseHeader(h)) && valuesOf(i).some((v) => MISSED.test(v)));
  const typeRules: unknown[] = [];
  if (statusIndex >= 0) {
    const missed = distinctCounts(valuesOf(statusIndex).filter((v) => MISSED.test(v))).map(([v]) => v);
    typeRules.push({ column: header[statusIndex], equals: missed.length === 1 ? missed[0] : missed, to: 'missed_appointment' });
  }
  if (typeIndex !== undefined) {
    const counts = distinctCounts(valuesOf(typeIndex));
    const unmapped: [string, number][] = [];
    for (const [value, count] of counts) {
      const code = normaliseHeader(value);
      if (EVENT_TYPES.some((t) => t === code)) continue;
      const guess = guessType(value);
      if (guess) typeRules.push({ equals: value, to: guess });
      else unmapped.push([value, count]);
    }
    valueNotes.set('type', `values of ${JSON.stringify(header[typeIndex])} in the sample: ${counts.map(formatCount).join(', ')}`);
    if (unmapped.length > 0) check('values.type', `not mapped, these land in other: ${unmapped.map(formatCount).join(', ')}`);
    if (typeRules.length > 0) check('values.type', 'each guessed rule: is the type right?');
  }
  if (typeRules.length > 0) values.type = typeRules;

  const severityIndex = chosen.get('severity');
  if (severityIndex !== undefined) {
    const counts = distinctCounts(valuesOf(severityIndex));
    const rules = counts
      .filter(([v]) => !/^[1-5]$/.test(v) && !/^(low|moderate|significant|serious|critical)$/i.test(v))
      .map(([v]) => [v, SEVERITY_HINTS.find(([p]) => p.test(v))?.[1]] as const)
      .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
      .map(([v, to]) => ({ equals: v, to }));
    if (rules.length > 0) {
      values.severity = rules;
      check('values.severity', 'severity guessed from the words: check each');
    }
  }

  const skip: unknown[] = [];
  const skipColumns = new Set<number>();
  header.forEach((h, i) => {
    if (!/status/.test(normaliseHeader(h))) return;
    const skippable = distinctCounts(valuesOf(i)).filter(([v]) => SKIPPABLE.test(v));
    for (const [value, count] of skippable) {
      skip.push({ column: h, equals: value });
      skipColumns.add(i);
      check('skip', `rows with ${JSON.stringify(h)} = ${JSON.stringify(value)} (×${count}) are skipped: keep them out?`);
    }
  });

  const agency = guessAgency(header, `${titles} ${fileName}`);
  check('agency', 'the agency name was guessed: use the name the partnership knows it by');
  const matchHeaders = [...chosen]
    .filter(([field]) => ['date', 'type', 'family_name', 'name', 'nhs_number'].includes(field))
    .map(([, index]) => header[index] ?? '');

  const profile: Record<string, unknown> = {
    agency,
    description: `Draft profile for ${fileName}, written by chronology profile init`,
    ...(matchHeaders.length > 0 ? { match: { headers: matchHeaders } } : {}),
    ...(table.delimiter === ',' ? {} : { delimiter: table.delimiter }),
    ...(table.titleLines > 0 ? { title_lines: table.titleLines } : {}),
    columns,
    ...(Object.keys(values).length > 0 ? { values } : {}),
    ...(skip.length > 0 ? { skip } : {}),
  };

  const doc = new Document(profile);
  doc.commentBefore = ` Draft profile for ${fileName}. Review each CHECK, then run: chronology profile check PROFILE ${fileName}`;
  if (table.titleLines > 0) commentKey(doc, ['title_lines'], ` ${table.titleLines} title line(s) found above the header`);
  if (dateNotes.length > 0) commentKey(doc, ['columns', 'date'], ` ${dateNotes.join('; ')}`);
  const unused = header.filter((_, i) => ![...chosen.values()].includes(i) && i !== timeIndex && i !== statusIndex && !skipColumns.has(i));
  if (unused.length > 0) commentKey(doc, ['columns'], ` columns not used: ${unused.map((h) => JSON.stringify(h)).join(', ')}`);
  for (const [field, note] of valueNotes) commentKey(doc, ['values', field], ` ${note}`);
  for (const [path, notes] of checks) commentKey(doc, path.split('.'), notes.map((n) => ` CHECK: ${n}`).join('\n'));
  for (const list of [values.type, values.severity, skip]) {
    list?.forEach((_, i) => {
      const node = doc.getIn(list === skip ? ['skip', i] : ['values', list === values.type ? 'type' : 'severity', i], true);
      if (isMap(node)) node.flow = true;
    });
  }
  return { profile: profile as Profile, yaml: doc.toString({ lineWidth: 0 }) };
}
