import type { PairEvidence, ReviewReason } from '../../link/index.js';
import { identitiesOf, linksByPerson, pairLabel, personsDocument, weakestLink } from '../persons.js';
import type { RenderOptions, Report } from '../report.js';
import { countsLine, problemsBlock } from './summary.js';
import { painter, textTable } from './table.js';
import { personHeading } from './timeline.js';

const signed = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;
const shown = (v: string | undefined): string => (v === undefined ? '—' : JSON.stringify(v));

/** Why a pair listed for review was not linked, in words. */
const REASONS: Record<ReviewReason, string> = {
  below_threshold: 'below the match threshold',
  nhs_number: 'the two persons hold different NHS numbers',
  person_id: 'one agency holds them under two person ids',
  twins: 'the twins pattern: same family name and dob, given names differ',
  namesakes: 'the namesakes pattern: same names, dates of birth clearly differ',
  dob: 'the two persons hold clearly different dates of birth',
  chaining: 'the two persons meet through this pair only (weak evidence across them)',
  ambiguous_name: 'no dob, and the name fits more than one person',
};

/** A pair's evidence as a text waterfall: the prior, each field's weight and the running total. */
export function waterfall(report: Report, pair: PairEvidence, options: RenderOptions): string {
  const verdict = pair.reason !== undefined ? `not linked (${REASONS[pair.reason]})` : pair.linked || pair.rule === 'unique_name' || pair.rule === 'agency_names' ? 'same person' : 'not linked';
  const probability = `match probability ${pair.probability.toFixed(4)} (weight ${signed(pair.weight)})`;
  const title =
    pair.rule === 'score'
      ? `${pairLabel(report, pair)}  ${verdict}: ${probability}`
      : pair.rule === 'unique_name'
        ? `${pairLabel(report, pair)}  ${verdict}: no dob, and the only person whose name fits; ${probability}`
        : pair.rule === 'agency_names'
          ? `${pairLabel(report, pair)}  ${verdict}: one child known by another given name to other agencies (no agency holds both); ${probability}`
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
  const byPerson = linksByPerson(report);
  const blocks = (report.linkage?.persons ?? []).map((person, index) => {
    const weakest = weakestLink(byPerson.get(index));
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
      ...(weakest === undefined ? [] : [`  weakest link: ${pairLabel(report, weakest)}, weight ${signed(weakest.weight)} (match probability ${weakest.probability.toFixed(4)})`]),
      ...(links.length > 0 ? [options.links ? `  linked because:` : '', ...links].filter((l) => l !== '') : []),
    ].join('\n');
  });
  const uncertain = document.uncertain.length;
  return `${[
    ...blocks,
    uncertain > 0 ? `${uncertain} pair${uncertain === 1 ? '' : 's'} for review (near the threshold, or refused): run with --uncertain to see why.` : '',
    countsLine(report, report.linkage?.persons.length, report.events?.length),
    problemsBlock(report, options, false),
  ]
    .filter((b) => b.length > 0)
    .join('\n\n')}\n`;
}

/** Persons formed by a link made on weight, weakest first: where a reviewer looks first for a doubtful merge. */
function weakestLinksTable(report: Report, options: RenderOptions): string {
  const byPerson = linksByPerson(report);
  const rows = (report.linkage?.persons ?? [])
    .flatMap((person, index) => {
      const weakest = weakestLink(byPerson.get(index));
      return weakest === undefined ? [] : [{ person, weakest }];
    })
    .sort((x, y) => x.weakest.weight - y.weakest.weight || x.person.id.localeCompare(y.person.id))
    .slice(0, WEAKEST_SHOWN)
    .map(({ person, weakest }) => [person.id, pairLabel(report, weakest), weakest.rule, signed(weakest.weight), weakest.probability.toFixed(4)]);
  if (rows.length === 0) return '';
  return `Persons by their weakest link (at most ${WEAKEST_SHOWN}, weakest first)\n${textTable(['person', 'weakest link', 'rule', 'weight', 'probability'], rows, options)}`;
}

const WEAKEST_SHOWN = 20;

export function pairsText(report: Report, options: RenderOptions): string {
  const pairs = report.pairs ?? [];
  const weakest = report.linkage === undefined ? '' : weakestLinksTable(report, options);
  if (pairs.length === 0) return `${[weakest, 'No pairs to show.'].filter((b) => b !== '').join('\n\n')}\n`;
  return `${[weakest, ...pairs.map((pair) => waterfall(report, pair, options))].filter((b) => b !== '').join('\n\n')}\n`;
}
