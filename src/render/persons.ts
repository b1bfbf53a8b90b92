import type { PairEvidence } from '../link/index.js';
import type { PersonsOutput } from '../model/output.js';
import { compareRefs, refKey } from '../model/record.js';
import { summaryOf, personDocument } from './documents.js';
import type { Report } from './report.js';

function refOf(report: Report, index: number) {
  const record = report.load.records[index];
  if (!record) throw new RangeError(`no record ${index}`);
  return { file: record.file, line: record.line };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function pairDocument(pair: PairEvidence, report: Report): PersonsOutput['uncertain'][number] {
  return {
    a: refOf(report, pair.a),
    b: refOf(report, pair.b),
    rule: pair.rule,
    linked: pair.linked,
    ...(pair.reason === undefined ? {} : { reason: pair.reason }),
    probability: round(pair.probability),
    weight: round(pair.weight),
    prior: round(pair.prior),
    fields: pair.fields.map((f) => ({
      ...f,
      weight: round(f.weight),
      values: [f.values[0] ?? null, f.values[1] ?? null],
    })),
  };
}

/** What each agency recorded of a person's identity, one entry per input record. */
function recordIdentity(report: Report, index: number) {
  const r = report.load.records[index]!;
  return {
    file: r.file,
    line: r.line,
    agency: r.agency,
    ...(r.person_id ? { person_id: r.person_id } : {}),
    ...(r.nhs_number ? { nhs_number: r.nhs_number } : {}),
    ...(r.name.given ? { given_name: r.name.given } : {}),
    ...(r.name.family ? { family_name: r.name.family } : {}),
    ...(r.dob ? { dob: r.dob } : {}),
    ...(r.postcode ? { postcode: r.postcode } : {}),
  };
}

/** The records of a person that carry the same identity are shown once, with how many there are. */
export function identitiesOf(report: Report, records: readonly number[]) {
  const seen = new Map<string, { identity: ReturnType<typeof recordIdentity>; count: number }>();
  for (const index of records) {
    const identity = recordIdentity(report, index);
    const { file: _file, line: _line, ...who } = identity;
    const key = JSON.stringify(who);
    const entry = seen.get(key);
    if (entry) entry.count += 1;
    else seen.set(key, { identity, count: 1 });
  }
  return [...seen.values()].sort((x, y) => compareRefs(x.identity, y.identity));
}

/** A person's weakest link (lowest weight) made on weight or by a unique name: deterministic links are certain. */
export function weakestLink(links: readonly PairEvidence[] | undefined): PairEvidence | undefined {
  let weakest: PairEvidence | undefined;
  for (const link of links ?? []) {
    if (link.rule === 'nhs_number' || link.rule === 'agency_person_id') continue;
    if (weakest === undefined || link.weight < weakest.weight) weakest = link;
  }
  return weakest;
}

/** The links of each person, by person index. */
export function linksByPerson(report: Report): Map<number, PairEvidence[]> {
  const linkage = report.linkage;
  const byPerson = new Map<number, PairEvidence[]>();
  for (const link of linkage?.links ?? []) {
    const person = linkage!.personOf[link.a]!;
    const links = byPerson.get(person);
    if (links) links.push(link);
    else byPerson.set(person, [link]);
  }
  return byPerson;
}

export function personsDocument(report: Report): PersonsOutput {
  const linkage = report.linkage;
  const byPerson = linksByPerson(report);
  return {
    summary: summaryOf(report.load, linkage?.persons.length, report.events?.length),
    persons: (linkage?.persons ?? []).map((person, index) => ({
      ...personDocument(person, report),
      identities: identitiesOf(report, person.records).map(({ identity, count }) => ({ ...identity, records: count })),
      links: (byPerson.get(index) ?? [])
        .map((pair) => pairDocument(pair, report))
        .sort((x, y) => compareRefs(x.a, y.a) || compareRefs(x.b, y.b)),
      ...weakestDocument(weakestLink(byPerson.get(index)), report),
    })),
    uncertain: (linkage?.uncertain ?? []).map((pair) => pairDocument(pair, report)),
    rejected: [...report.load.rejected].sort(compareRefs),
  };
}

function weakestDocument(link: PairEvidence | undefined, report: Report) {
  if (link === undefined || link.rule === 'nhs_number' || link.rule === 'agency_person_id') return {};
  return { weakest_link: { a: refOf(report, link.a), b: refOf(report, link.b), rule: link.rule, weight: round(link.weight), probability: round(link.probability) } };
}

export function pairsDocument(report: Report) {
  return { pairs: (report.pairs ?? []).map((pair) => pairDocument(pair, report)) };
}

export function pairLabel(report: Report, pair: PairEvidence): string {
  return `${refKey(refOf(report, pair.a))} ~ ${refKey(refOf(report, pair.b))}`;
}
