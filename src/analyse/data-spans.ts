/**
 * Which parts of a finding's sentence are data (a source, an agency, a date, a description) and
 * which are the tool's own words: anonymisation replaces names in the data alone, so "harm may be
 * accumulating" survives a child called May.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKED = /\uE000([^\uE000\uE001]*)\uE001/g;

export type Spans = readonly (readonly [start: number, end: number])[];

const spansOf = new WeakMap<object, Spans>();

/** A value from the records, marked as data inside a sentence a rule composes. */
export function datum(value: string | undefined): string {
  return `${OPEN}${String(value).replace(/[\uE000\uE001]/g, '')}${CLOSE}`;
}

/** The sentence without its marks, and where its data lie. */
export function unmark(text: string): { text: string; spans: Spans } {
  const spans: [number, number][] = [];
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MARKED)) {
    out += text.slice(last, m.index);
    spans.push([out.length, out.length + m[1]!.length]);
    out += m[1];
    last = m.index + m[0].length;
  }
  return { text: out + text.slice(last), spans };
}

/** Remembers the data spans of a finding's summary, kept beside the object so the JSON contract is unchanged. */
export function rememberSpans(finding: object, spans: Spans): void {
  spansOf.set(finding, spans);
}

export function dataSpansOf(finding: object): Spans | undefined {
  return spansOf.get(finding);
}
