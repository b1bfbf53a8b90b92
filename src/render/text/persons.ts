import type { PairEvidence } from '../../link/index.js';
import { identitiesOf, pairLabel, personsDocument } from '../persons.js';
import type { RenderOptions, Report } from '../report.js';
import { countsLine, problemsBlock } from './summary.js';
import { painter, textTable } from './table.js';
import { personHeading } from './timeline.js';

const signed = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;
const shown = (v: string | undefined): string => (v === undefined ? '—' : JSON.stringify(v));

/** A pair's evidence as a text waterfall: the prior, each field's weight and the running total. */
export function waterfall(report: Report, pair: PairEvidence, options: RenderOptions): string {
  const verdict = pair.linked ? 'same person' : 'not linked';
  const title =
    pair.rule === 'score'
      ? `${pairLabel(report, pair)}  ${verdict}: match probability ${pair.probability.toFixed(4)} (weight ${signed(pair.weight)})`
      : `${pairLabel(report, pair)}  ${verdict}: same ${pair.rule === 'nhs_number' ? 'valid NHS number' : 'agency and person id'}`;
  let total = pair.prior;
  const rows: (string | number)[][] = [['prior', '', signed(pair.prior), signed(total), '']];
  for (const field of pair.fields) {
    total += field.weight;
    rows.push([field.field, field.level, signed(field.weight), signed(total), `${shown(field.values[0])} / ${shown(field.values[1])}`]);
  }
  const table = textTable(['field', 'agreement', 'weight', 'total', 'values'], rows, options)
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `  ${painter(options.color).bold(title)}\n${table}`;
}

/** What joined a person's records, in one line: "linked by 16 pairs: 9 on a valid NHS number, ... (--links for each)". */
function linkSummary(pairs: readonly PairEvidence[]): string {
  const nhs = pairs.filter((p) => p.rule === 'nhs_number').length;
  const scored = pairs.filter((p) => p.rule === 'score');
  const ids = pairs.length - nhs - scored.length;
  const lowest = Math.min(...scored.map((p) => p.probability));
  const parts = [
    ...(nhs > 0 ? [`${nhs} on a valid NHS number`] : []),
    ...(ids > 0 ? [`${ids} on the same agency and person id`] : []),
    ...(scored.length > 0 ? [`${scored.length} scored (lowest match probability ${lowest.toFixed(4)})`] : []),
  ];
  return `  linked by ${pairs.length} pair${pairs.length === 1 ? '' : 's'} of records: ${parts.join(', ')}; --links shows each field by field`;
}

export function personsText(report: Report, options: RenderOptions): string {
  const document = personsDocument(report);
  const paint = painter(options.color);
  const blocks = (report.linkage?.persons ?? []).map((person, index) => {
    const identities = identitiesOf(report, person.records).map(({ identity: r, count }) => [
      `${r.file}:${r.line}`,
      count,
      r.agency,
      [r.given_name, r.family_name].filter(Boolean).join(' '),
      r.dob ?? '',
      r.nhs_number ?? '',
      r.person_id ?? '',
    ]);
    const pairs = report.linkage!.links.filter((l) => report.linkage!.personOf[l.a] === index);
    // The waterfalls run to a thousand lines on a family: a summary by default, every field with --links.
    const links = options.links ? pairs.map((l) => waterfall(report, l, options)) : pairs.length > 0 ? [linkSummary(pairs)] : [];
    return [
      paint.bold(`${personHeading(person, report)}  (${person.records.length} record${person.records.length === 1 ? '' : 's'})`),
      textTable(['first record', 'records', 'agency', 'name as recorded', 'dob', 'NHS number', 'person id'], identities, options),
      ...(links.length > 0 ? [options.links ? `  linked because:` : '', ...links].filter((l) => l !== '') : []),
    ].join('\n');
  });
  const uncertain = document.uncertain.length;
  return `${[
    ...blocks,
    uncertain > 0 ? `${uncertain} pair${uncertain === 1 ? '' : 's'} near the threshold: run with --uncertain to review them.` : '',
    countsLine(report, report.linkage?.persons.length, report.events?.length),
    problemsBlock(report, options, false),
  ]
    .filter((b) => b.length > 0)
    .join('\n\n')}\n`;
}

export function pairsText(report: Report, options: RenderOptions): string {
  const pairs = report.pairs ?? [];
  if (pairs.length === 0) return 'No pairs to show.\n';
  return `${pairs.map((pair) => waterfall(report, pair, options)).join('\n\n')}\n`;
}
