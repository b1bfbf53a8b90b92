/**
 * The link stage: which records describe the same person. Deterministic identifiers first
 * (NHS number; an agency's own person_id), then a Fellegi-Sunter score on names, date of birth,
 * address and postcode, then guarded clustering. Pure: no I/O; the nickname table comes in the config.
 */
import { compareRefs, type ChronologyRecord } from '../model/record.js';
import type { Person } from '../model/stages.js';
import { CandidateIndex } from './blocking.js';
import {
  CONTRADICTION_WEIGHT,
  compareContext,
  contradictionOf,
  evidenceFields,
  frequencyTable,
  identityOf,
  joinsByNameOnly,
  linksOnItsOwn,
  nameAgreement,
  namesAgree,
  ruleOf,
  sideMemo,
  scoreIdentities,
  type CompareContext,
  type Contradiction,
  type FieldEvidence,
  type Identity,
  type LinkRule,
  type PairScore,
} from './compare.js';
import { PRIOR_BOUNDS, type LinkConfig, type ResolvedLinkConfig } from './config.js';
import { householdsIn } from './households.js';
import { probabilityOf, weightOf } from './weights.js';
import { scoreInParallel } from './parallel.js';
import { scoreProfiles, ScoredPairs, type ScoringInput } from './scoring.js';
import { compactName } from './text.js';
import { append } from '../util/append.js';
import { remember } from '../util/remember.js';
import { UnionFind } from '../util/union-find.js';
import { personKey, stableIds } from '../merge/ids.js';

export { LinkConfigSchema, linkConfig, type LinkConfig, type LinkSettings } from './config.js';
export { parseNicknames, areNicknames, type NicknameTable } from './nicknames.js';
export type { FieldEvidence, LinkRule } from './compare.js';

/**
 * Why a pair is listed for review: below the threshold, a contradiction between its two
 * clusters that no other pair explains, a weak average across them (chaining), or a record with
 * no dob whose name fits more than one person.
 */
/** How clusters that no pair links on its own are joined after clustering. */
export type JoinRule = 'unique_name' | 'agency_names';

export type ReviewReason = 'below_threshold' | Contradiction | 'dob' | 'chaining' | 'ambiguous_name';

/** Why two records are, or are not, the same person: a waterfall of field weights. */
export interface PairEvidence {
  /** Record indices, a < b. */
  a: number;
  b: number;
  /**
   * `unique_name`: a record with no dob joined the one person whose name it fits; `agency_names`:
   * two clusters in the twins pattern that no agency holds both of, each agency knowing the child by one name.
   */
  rule: LinkRule | JoinRule;
  fields: FieldEvidence[];
  /** log2 prior odds; weight = prior + the sum of the field weights. */
  prior: number;
  weight: number;
  /** 1 for a deterministic rule, else the probability the weight means. */
  probability: number;
  /** Whether this pair on its own links (before clustering). */
  linked: boolean;
  /** For a pair listed for review: why it was not linked. */
  reason?: ReviewReason;
}

export interface LinkOptions {
  /**
   * Whether to spell out the evidence of every link and uncertain pair (default true). Only
   * `persons` shows it; without it `links` and `uncertain` are empty, and at a million records
   * that saves hundreds of megabytes of evidence nobody reads.
   */
  explain?: boolean;
}

export interface Linkage {
  persons: Person[];
  /** Record index → index into persons. */
  personOf: Int32Array;
  /** The links that formed each person (a spanning tree per person), with their evidence; empty unless LinkOptions.explain. */
  links: PairEvidence[];
  /**
   * Pairs in different persons worth a human look: probability in [reviewLow, matchThreshold), or above
   * it but refused by the chaining guard; empty unless LinkOptions.explain.
   */
  uncertain: PairEvidence[];
  /** The settings this input was linked with: households decided and priors estimated (explainPair takes them). */
  config: ResolvedLinkConfig;
}

/** What comparing any pair needs from the whole input: prepared identities and term frequencies. */
export interface LinkContext {
  identities: Identity[];
  compare: CompareContext;
  /** The configuration with `households` decided for this input. */
  config: ResolvedLinkConfig;
}

/** The identity fields that make two records indistinguishable for linkage. */
function identityKey(identity: Identity): string {
  return JSON.stringify([
    identity.nhs ?? '',
    identity.personId === undefined ? '' : `${identity.agency}\u0000${identity.personId}`,
    identity.given.tokens.join(' '),
    identity.family.tokens.join(' '),
    identity.dob ?? '',
    identity.address.normalised,
    identity.postcode.compact,
  ]);
}

/** The raw identity fields of a record: records with equal ones share one prepared Identity. */
function rawIdentityKey(record: ChronologyRecord): string {
  return JSON.stringify([
    record.agency,
    record.person_id ?? null,
    record.nhs_number ?? null,
    record.name.given ?? null,
    record.name.family ?? null,
    record.dob ?? null,
    record.address ?? null,
    record.postcode ?? null,
  ]);
}

/** A context for these records; a configuration a linkage settled (Linkage.config) is taken as it is. */
export function buildLinkContext(records: readonly ChronologyRecord[], config: LinkConfig | ResolvedLinkConfig): LinkContext {
  // A person's many records mostly repeat one identity: prepare each distinct one once and share it.
  const prepared = new Map<string, Identity>();
  const memo = sideMemo();
  const identities = records.map((record) => {
    const raw = rawIdentityKey(record);
    let identity = prepared.get(raw);
    if (identity === undefined) {
      identity = identityOf(record, memo);
      prepared.set(raw, identity);
    }
    return identity;
  });
  prepared.clear();
  // Every side is prepared and keyed: what prepared them is needed no more, but for telling its sides apart.
  for (const map of [memo.names, memo.addresses, memo.postcodes, memo.nameKeys, memo.addressKeys]) map.clear();
  const distinct = new Map<string, Identity>();
  for (const identity of new Set(identities)) distinct.set(identityKey(identity), identity);
  const people = [...distinct.values()];
  return {
    identities,
    config: 'priorAcrossAgencies' in config ? config : resolved(config, people),
    compare: compareContext({
      nicknames: config.nicknames,
      transliterations: config.transliterations,
      ...childBornAfter(records, config.childAge),
      // Counted over distinct identities, so a child with many events does not make their own name look common.
      givenFrequency: frequencyTable(people.map((p) => p.given.compact)),
      familyFrequency: frequencyTable(people.map((p) => p.family.compact)),
    }, memo),
  };
}

/** The settings decided for this input: households from its people, and where the prior starts if it is to be estimated. */
function resolved(config: LinkConfig, people: readonly Identity[]): ResolvedLinkConfig {
  const households = config.households === 'auto' ? householdsIn(people) : config.households;
  const estimated = config.priorProbability === 'auto';
  const priorProbability = config.priorProbability === 'auto' ? PRIOR_BOUNDS.start : config.priorProbability;
  const priorShiftAtMost = estimated ? weightOf(PRIOR_BOUNDS.most) - weightOf(PRIOR_BOUNDS.start) : 0;
  return { ...config, households, priorProbability, priorAcrossAgencies: priorProbability, priorShiftAtMost };
}

/** The dob after which a person is a child at the latest event date of the input (no clock: the records' own dates). */
function childBornAfter(records: readonly ChronologyRecord[], childAge: number): { childBornAfter?: string } {
  let latest: string | undefined;
  for (const record of records) if (latest === undefined || record.date > latest) latest = record.date;
  if (latest === undefined) return {};
  const year = Number(latest.slice(0, 4)) - childAge;
  return { childBornAfter: `${String(year).padStart(4, '0')}${latest.slice(4)}` };
}

/** The prior weight of a pair: duplicates within one agency and links across two are estimated apart. */
function priorOf(config: ResolvedLinkConfig, a: Identity, b: Identity): number {
  return weightOf(a.agency === b.agency ? config.priorProbability : config.priorAcrossAgencies);
}

function evidenceOf(a: number, b: number, identityA: Identity, identityB: Identity, context: LinkContext, config: ResolvedLinkConfig): PairEvidence {
  const prior = priorOf(config, identityA, identityB);
  const score = scoreIdentities(identityA, identityB, context.compare, config, prior);
  const rule = ruleOf(score);
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return {
    a: lo,
    b: hi,
    rule,
    fields: evidenceFields(score, identityA, identityB, config),
    prior,
    weight: score.weight,
    probability: rule === 'score' ? probabilityOf(score.weight) : 1,
    linked: linksOnItsOwn(score, config.matchThreshold),
  };
}

/** The evidence for one pair of records; pass a context from buildLinkContext when explaining many pairs. */
export function explainPair(
  records: readonly ChronologyRecord[],
  i: number,
  j: number,
  config: LinkConfig | ResolvedLinkConfig,
  context: LinkContext = buildLinkContext(records, config),
): PairEvidence {
  const identityA = context.identities[i];
  const identityB = context.identities[j];
  if (!identityA || !identityB) throw new RangeError(`record index out of range: ${i}, ${j}`);
  return evidenceOf(i, j, identityA, identityB, context, context.config);
}

/** What clustering needs of a cross pair, kept as numbers and flags rather than evidence. */
interface CrossView {
  weight: number;
  linked: boolean;
  contradiction: Contradiction | undefined;
  /** The same given name, however spelt (not a nickname: Oli fits Oliver and Olivia). */
  sameGiven: boolean;
  /** Given names that clearly differ, as neither a spelling nor a nickname of one another (level disagree). */
  givenDisagrees: boolean;
  /** Given names alike in spelling yet different (level jaro_winkler>=0.80: Olivia, Oliver), as twins' names often are. */
  givenAlike: boolean;
  dobAgrees: boolean;
  dobDisagrees: boolean;
  /** Given name agrees, and family name agrees, is missing, or the dob agrees instead. */
  ownAgree: boolean;
}

const DOB_AGREES = new Set(['exact', 'day_month_swapped', 'one_digit', 'month_compatible', 'year_compatible']);

function crossViewOf(score: PairScore, matchThreshold: number): CrossView {
  return {
    weight: score.weight,
    linked: linksOnItsOwn(score, matchThreshold),
    contradiction: contradictionOf(score),
    sameGiven: nameAgreement(score.given.level) === 'same',
    givenDisagrees: score.given.level === 'disagree',
    givenAlike: score.given.level === 'jaro_winkler>=0.80',
    dobAgrees: DOB_AGREES.has(score.dob.level),
    dobDisagrees: score.dob.level === 'disagree',
    // The person's own name and dob agreeing is no sign of chaining, whatever the family name and home say (moves, patronymics, marriage).
    ownAgree:
      namesAgree(score.given.level) &&
      (namesAgree(score.family.level) || nameAgreement(score.family.level) === 'missing' || (DOB_AGREES.has(score.dob.level) && score.dob.level !== 'year_compatible')),
  };
}

/** What a contradiction between two clusters is about, and so what another pair must agree on to explain it. */
type Contested = Exclude<ReviewReason, 'below_threshold' | 'chaining' | 'ambiguous_name'>;

/**
 * Whether a linked pair agrees on what `contested` is about: for twins the given name (spelt,
 * not a nickname) and the dob; for a dob that differs, the dob and the names; for one agency's two
 * person_ids, given name and dob (one child registered twice).
 */
function explains(view: CrossView, contested: Contested): boolean {
  if (!view.linked) return false;
  if (contested === 'namesakes' || contested === 'dob') return view.dobAgrees && view.ownAgree;
  return view.sameGiven && view.dobAgrees;
}

interface Profile {
  key: string;
  /** Record indices, ascending by file and line; the first represents the profile. */
  records: number[];
}

/** Whether record indices are already in file and line order (as records of one input usually are). */
function inRefOrder(records: readonly ChronologyRecord[], indices: readonly number[]): boolean {
  for (let k = 1; k < indices.length; k++) if (compareRefs(records[indices[k - 1]!]!, records[indices[k]!]!) > 0) return false;
  return true;
}

/** Records with identical identity fields, in a canonical order that does not depend on input order. */
function profilesOf(records: readonly ChronologyRecord[], context: LinkContext): Profile[] {
  const config = context.config;
  // Records are grouped by their shared identity object first: one key string per distinct identity, not per record.
  const byIdentity = new Map<Identity, number[]>();
  context.identities.forEach((identity, index) => {
    const list = byIdentity.get(identity);
    if (list) list.push(index);
    else byIdentity.set(identity, [index]);
  });
  const byKey = new Map<string, number[]>();
  for (const [identity, indices] of byIdentity) {
    const key = identityKey(identity);
    const list = byKey.get(key);
    if (list) append(list, indices);
    else byKey.set(key, indices);
  }
  byIdentity.clear();
  const profiles: Profile[] = [];
  for (const [key, indices] of byKey) {
    if (!inRefOrder(records, indices)) indices.sort((p, q) => compareRefs(records[p]!, records[q]!));
    const first = indices[0]!;
    const identity = context.identities[first]!;
    const selfLinks = linksOnItsOwn(scoreIdentities(identity, identity, context.compare, config, weightOf(config.priorProbability)), config.matchThreshold);
    // Identical records too sparse to link (e.g. a given name alone) stay separate people.
    if (selfLinks) profiles.push({ key, records: indices });
    else for (const index of indices) profiles.push({ key: `${key}\u0000${records[index]!.file}\u0000${String(records[index]!.line).padStart(12, '0')}`, records: [index] });
  }
  return profiles.sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
}

/**
 * Clusters with no dob and no NHS number (a school's name-only records) join the one other
 * cluster their names fit, when exactly one does and its dob is not after any of their event
 * dates; a name that fits several persons stays apart, its pairs listed for review. Decided on the
 * clusters as they stand, then applied, so the order of the pairs does not matter.
 */
function joinByName(linking: Linking, scored: ScoredPairs, edges: readonly number[], review: { edge: number; reason: ReviewReason }[]): void {
  const { clusters, members, records, profiles } = linking;
  const dated = new Map<number, boolean>();
  const isDated = (root: number) =>
    remember(dated, root, () => members[root]!.some((p) => linking.identities[p]!.dob !== undefined || linking.identities[p]!.nhs !== undefined));
  const earliestEvent = (root: number) => {
    let earliest: string | undefined;
    for (const p of members[root]!) for (const k of profiles[p]!.records) if (earliest === undefined || records[k]!.date < earliest) earliest = records[k]!.date;
    return earliest ?? '';
  };
  const latestDob = (root: number) => {
    let latest = '';
    for (const p of members[root]!) {
      const dob = linking.identities[p]!.dob;
      if (dob !== undefined && dob > latest) latest = dob;
    }
    return latest;
  };
  // For each undated cluster, the other clusters its names fit, and one edge to each.
  const fits = new Map<number, Map<number, number>>();
  const note = (from: number, to: number, edge: number) => {
    const targets = fits.get(from) ?? new Map<number, number>();
    if (!targets.has(to)) targets.set(to, edge);
    fits.set(from, targets);
  };
  for (const edge of edges) {
    const [rootP, rootQ] = [clusters.find(scored.p[edge]!), clusters.find(scored.q[edge]!)];
    if (rootP === rootQ) continue;
    if (!isDated(rootP)) note(rootP, rootQ, edge);
    if (!isDated(rootQ)) note(rootQ, rootP, edge);
  }
  const joins: number[] = [];
  for (const [root, targets] of fits) {
    const edgesTo = [...targets.values()];
    const [target] = targets.keys();
    if (targets.size === 1 && latestDob(target!).slice(0, 10) <= earliestEvent(root)) joins.push(edgesTo[0]!);
    else if (linking.explain) for (const edge of edgesTo) review.push({ edge, reason: 'ambiguous_name' });
  }
  for (const edge of joins.sort((x, y) => x - y)) {
    if (clusters.find(scored.p[edge]!) !== clusters.find(scored.q[edge]!)) mergeProfiles(linking, scored.p[edge]!, scored.q[edge]!, 'unique_name');
  }
}

const lexical = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** How badly a spelling is cased: words in capitals (ADEYEMI) or in lower case (adeyemi) count against it. */
function casingFaults(name: string): number {
  const words = name.split(/[^\p{L}]+/u).filter((word) => word.length > 1);
  return words.filter((word) => word === word.toUpperCase() || word === word.toLowerCase()).length;
}

/** Accents, hyphens and apostrophes kept: `Adeyemi-Cole` and `Siân` say more than `ADEYEMI COLE` and `Sian`. */
function marksKept(name: string): number {
  return [...name.normalize('NFD')].filter((ch) => /[\p{M}'’-]/u.test(ch)).length;
}

/** A person's records counted by identity: records sharing an identity object share every identity field, names and dob included. */
function countByIdentity(members: readonly number[], identities: readonly Identity[]): Map<Identity, { count: number; first: number }> {
  const counts = new Map<Identity, { count: number; first: number }>();
  for (const k of members) {
    const entry = counts.get(identities[k]!);
    if (entry) entry.count += 1;
    else counts.set(identities[k]!, { count: 1, first: k });
  }
  return counts;
}

/** The most frequent of counted values; ties broken by `better`. */
function mostFrequentCounted(counts: ReadonlyMap<string, number>, better: (a: string, b: string) => number): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (best === undefined || count > bestCount || (count === bestCount && better(value, best) < 0)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function addCount(counts: Map<string, number>, value: string, count: number): void {
  counts.set(value, (counts.get(value) ?? 0) + count);
}

/**
 * The display name: the most frequent spelling once case, accents and punctuation are folded
 * (ties: lexical), written in its best-cased form (then the one with more marks, then the most frequent).
 */
function displayName(records: readonly ChronologyRecord[], byIdentity: Map<Identity, { count: number; first: number }>): { given?: string; family?: string } {
  const named = [...byIdentity].filter(([identity]) => identity.given.raw !== undefined || identity.family.raw !== undefined);
  // The identities hold each name folded already (compactName of it): folding a million names again costs seconds.
  const foldedOf = (identity: Identity) => `${identity.given.compact}\u0000${identity.family.compact}`;
  const folded = new Map<string, number>();
  for (const [identity, { count }] of named) addCount(folded, foldedOf(identity), count);
  const group = mostFrequentCounted(folded, lexical);
  if (group === undefined) return {};
  const spellings = new Map<string, { name: { given?: string; family?: string }; count: number; text: string }>();
  for (const [identity, { count, first }] of named) {
    if (foldedOf(identity) !== group) continue;
    const name = records[first]!.name;
    const key = JSON.stringify([name.given ?? null, name.family ?? null]);
    const entry = spellings.get(key) ?? { name, count: 0, text: `${name.given ?? ''} ${name.family ?? ''}` };
    entry.count += count;
    spellings.set(key, entry);
  }
  const [best] = [...spellings.entries()].sort(
    ([keyA, a], [keyB, b]) =>
      casingFaults(a.text) - casingFaults(b.text) || marksKept(b.text) - marksKept(a.text) || b.count - a.count || lexical(keyA, keyB),
  );
  const name = best![1].name;
  return { ...(name.given === undefined ? {} : { given: name.given }), ...(name.family === undefined ? {} : { family: name.family }) };
}

function describePerson(records: readonly ChronologyRecord[], members: number[], identities: readonly Identity[]): Omit<Person, 'id'> {
  const byIdentity = countByIdentity(members, identities);
  // The most attested dob; on a tie the more precise, then the earlier.
  const dobs = new Map<string, number>();
  for (const { count, first } of byIdentity.values()) {
    const dob = records[first]!.dob;
    if (dob !== undefined) addCount(dobs, dob, count);
  }
  const dob = mostFrequentCounted(dobs, (a, b) => b.length - a.length || lexical(a, b));
  return {
    records: [...members].sort((p, q) => p - q),
    name: displayName(records, byIdentity),
    ...(dob === undefined ? {} : { dob }),
  };
}

/** Linkage up to the scoring pass: profiles and the deterministic rules' clusters. */
interface Linking {
  records: readonly ChronologyRecord[];
  /** Settled once the prior is estimated. */
  config: ResolvedLinkConfig;
  explain: boolean;
  context: LinkContext;
  profiles: Profile[];
  clusters: UnionFind;
  /** Each cluster root's profiles (empty for a profile that is no longer a root). */
  members: number[][];
  /** The profile pairs whose merges formed the clusters, spelt out as evidence once the prior is settled. */
  merges: { p: number; q: number; rule?: JoinRule }[];
  /** One identity per profile. */
  identities: Identity[];
}

function evidenceOfProfiles(linking: Linking, p: number, q: number): PairEvidence {
  const [lo, hi] = p < q ? [p, q] : [q, p];
  const identities = linking.identities;
  return evidenceOf(linking.profiles[lo]!.records[0]!, linking.profiles[hi]!.records[0]!, identities[lo]!, identities[hi]!, linking.context, linking.config);
}

function mergeProfiles(linking: Linking, p: number, q: number, rule?: JoinRule): void {
  const { clusters, members } = linking;
  const [rootP, rootQ] = [clusters.find(p), clusters.find(q)];
  const keep = clusters.join(rootP, rootQ);
  const drop = keep === rootP ? rootQ : rootP;
  for (const member of members[drop]!) members[keep]!.push(member);
  members[drop] = [];
  if (linking.explain) linking.merges.push(rule === undefined ? { p, q } : { p, q, rule });
}

/** Everything before the scoring pass, and what that pass needs. */
function startLinking(records: readonly ChronologyRecord[], settings: LinkConfig, options: LinkOptions): { linking: Linking; scoring: ScoringInput } {
  const context = buildLinkContext(records, settings);
  const config = context.config;
  const profiles = profilesOf(records, context);
  const profileIdentities = profiles.map((profile) => context.identities[profile.records[0]!]!);
  const identityOfProfile = (p: number) => profileIdentities[p]!;
  const clusters = new UnionFind(profiles.length);
  const explain = options.explain !== false;
  const sortKeys = profiles.map((_, p) => {
    const identity = identityOfProfile(p);
    return `${identity.family.compact}\u0000${identity.given.compact}\u0000${identity.dob ?? ''}\u0000${identity.postcode.compact}`;
  });
  const linking: Linking = {
    records,
    config,
    explain,
    context,
    profiles,
    clusters,
    members: profiles.map((_, p) => [p]),
    merges: [],
    identities: profileIdentities,
  };
  const candidates = CandidateIndex.build(profileIdentities, sortKeys, config.maxBlockSize, config.blockWindow);

  // Deterministic rules, in canonical profile order: a shared NHS number, then an agency's person_id.
  const nhsOfCluster = profiles.map((_, p) => identityOfProfile(p).nhs);
  for (const rule of ['nhs_number', 'agency_person_id'] as const) {
    const groups = new Map<string, number[]>();
    profiles.forEach((_, p) => {
      const identity = identityOfProfile(p);
      const key = rule === 'nhs_number' ? identity.nhs : identity.personId === undefined ? undefined : `${identity.agency}\u0000${identity.personId}`;
      if (key === undefined) return;
      const group = groups.get(key);
      if (group) group.push(p);
      else groups.set(key, [p]);
    });
    for (const group of groups.values()) {
      const head = group[0]!;
      for (const p of group.slice(1)) {
        const [rootHead, rootP] = [clusters.find(head), clusters.find(p)];
        if (rootHead === rootP) continue;
        const [nhsHead, nhsP] = [nhsOfCluster[rootHead], nhsOfCluster[rootP]];
        // Two different valid NHS numbers are two people, whatever an agency's ids say.
        if (nhsHead !== undefined && nhsP !== undefined && nhsHead !== nhsP) continue;
        mergeProfiles(linking, head, p);
        nhsOfCluster[clusters.find(head)] = nhsHead ?? nhsP;
      }
    }
  }
  const scoring: ScoringInput = {
    identities: profileIdentities,
    compare: context.compare,
    config,
    candidates,
    // The clusters do not change while pairs are scored: each profile's root is read once.
    roots: Int32Array.from(profiles, (_, p) => clusters.find(p)),
    keepReview: explain,
  };
  return { linking, scoring };
}

/** Links records into persons. The same records in any order give the same persons, ids and links. */
export function linkPeople(records: readonly ChronologyRecord[], config: LinkConfig, options: LinkOptions = {}): Linkage {
  const { linking, scoring } = startLinking(records, config, options);
  const scored = new ScoredPairs();
  scoreProfiles(scoring, 0, linking.profiles.length, scored);
  return finishLinking(linking, scored);
}

/**
 * Inputs with fewer profiles than this are scored on one thread. Each thread fills its own name and
 * address memos, so below this a worker's start and cold memos cost about what it saves (200k
 * records, 55k profiles: scoring 1.75 s alone, 1.70 s with a worker; at 1M, 274k profiles: about 20 s, 12.5 s).
 */
const PARALLEL_MIN_PROFILES = 50_000;

/** How linkPeopleInParallel runs: on how many threads, and what to do before the workers start. */
export interface ParallelOptions extends LinkOptions {
  threads: number;
  /** Fewer profiles than this are scored on one thread (default PARALLEL_MIN_PROFILES). */
  minProfiles?: number;
  /**
   * Called once the candidate index is built, before the scoring pass: the preparation's garbage
   * (key strings, the index's working lists) is dead there, and each worker adds its own heap on top.
   */
  beforeScoring?: () => Promise<void>;
  /** Told how many profiles each thread scored (this one first), for benchmarks and tests; not called on one thread. */
  onScored?: (profilesPerThread: readonly number[]) => void;
}

/**
 * linkPeople with the scoring pass (most of linkage's time on a large input) shared among
 * `threads` threads. The result is the same as linkPeople's, whatever the number of threads.
 */
export async function linkPeopleInParallel(records: readonly ChronologyRecord[], config: LinkConfig, options: ParallelOptions): Promise<Linkage> {
  const { linking, scoring } = startLinking(records, config, options);
  if (options.threads > 1 && linking.profiles.length >= (options.minProfiles ?? PARALLEL_MIN_PROFILES)) {
    await options.beforeScoring?.();
    const { scored, profilesPerThread } = await scoreInParallel(scoring, options.threads);
    options.onScored?.(profilesPerThread);
    return finishLinking(linking, scored);
  }
  const scored = new ScoredPairs();
  scoreProfiles(scoring, 0, linking.profiles.length, scored);
  return finishLinking(linking, scored);
}

/**
 * Why two clusters must not merge through the pair (p, q), or undefined when they may. Different
 * NHS numbers always refuse. Any other contradiction between two members (twins, namesakes, a dob
 * that differs, one agency's two ids) refuses unless another linked cross pair through one of
 * the two agrees on what it contests, or was linked despite the very same two dobs: the records
 * already known to be one child outvote a nickname or a typo. Then the average weight across must
 * reach the threshold (a pair whose names agree counting at least that): two clusters that meet
 * through one record only are the chaining pattern.
 */
function refusal(
  linking: Linking,
  crossView: (p: number, q: number) => CrossView,
  rootP: number,
  rootQ: number,
  p: number,
  q: number,
  twinsExplained = false,
): ReviewReason | undefined {
  const { members, config } = linking;
  const thresholdWeight = weightOf(config.matchThreshold);
  const cross: [number, number, CrossView][] = [];
  outer: for (const x of members[rootP]!) {
    for (const y of members[rootQ]!) {
      if (cross.length >= config.guardMaxPairs) break outer;
      cross.push([x, y, crossView(x, y)]);
    }
  }
  if (cross.some(([, , view]) => view.contradiction === 'nhs_number')) return 'nhs_number';
  const dobOf = (profile: number) => linking.identities[profile]!.dob;
  const [mainP, mainQ] = [mainDobs(linking, rootP), mainDobs(linking, rootQ)];
  // A dob its own cluster's records outvote is a typo there, not a second person.
  const outvoted = (x: number, y: number) => !mainP.has(dobOf(x) ?? '') || !mainQ.has(dobOf(y) ?? '');
  let total = 0;
  let count = 0;
  for (const [x, y, view] of cross) {
    const isEdge = (x === p && y === q) || (x === q && y === p);
    const contested: Contested | undefined = view.contradiction ?? (view.dobDisagrees && !isEdge ? 'dob' : undefined);
    if (contested !== undefined) {
      if ((contested === 'dob' || contested === 'namesakes') && outvoted(x, y)) continue;
      if (contested === 'twins' && twinsExplained) continue;
      const explained = cross.some(
        ([x2, y2, other]) =>
          (x2 === x) !== (y2 === y) &&
          (explains(other, contested) || (other.linked && contested === 'dob' && dobOf(x2) === dobOf(x) && dobOf(y2) === dobOf(y))),
      );
      if (!explained) return contested;
      continue;
    }
    total += view.ownAgree ? Math.max(view.weight, thresholdWeight) : view.weight;
    count += 1;
  }
  return count > 0 && total / count < thresholdWeight ? 'chaining' : undefined;
}

/** The dobs a cluster's records attest most often (all of them on a tie). */
function mainDobs(linking: Linking, root: number): Set<string> {
  const counts = new Map<string, number>();
  for (const p of linking.members[root]!) {
    const dob = linking.identities[p]!.dob;
    if (dob !== undefined) counts.set(dob, (counts.get(dob) ?? 0) + linking.profiles[p]!.records.length);
  }
  const most = Math.max(0, ...counts.values());
  return new Set([...counts].filter(([, count]) => count === most).map(([dob]) => dob));
}

/**
 * One clustering pass over the scored pairs, strongest first, at the linking's prior (`shift` bits
 * above the prior they were scored at): pairs that link on their own merge their clusters unless
 * refused. Returns the pairs for review and those that may join a record with no dob by its name.
 */
function clusterPass(
  linking: Linking,
  scored: ScoredPairs,
  shift: { within: number; across: number },
): { review: { edge: number; reason: ReviewReason }[]; nameOnly: number[] } {
  const { config, context, profiles, clusters, identities } = linking;
  const thresholdWeight = weightOf(config.matchThreshold);
  const scoreOf = (p: number, q: number) =>
    scoreIdentities(identities[p]!, identities[q]!, context.compare, config, priorOf(config, identities[p]!, identities[q]!));
  // Only pairs met while merging are kept: the cross pairs within clusters of one person, a handful each.
  const viewCache = new Map<number, CrossView>();
  const crossView = (p: number, q: number): CrossView => {
    const [lo, hi] = p < q ? [p, q] : [q, p];
    return remember(viewCache, lo * profiles.length + hi, () => crossViewOf(scoreOf(lo, hi), config.matchThreshold));
  };
  const review: { edge: number; reason: ReviewReason }[] = [];
  const nameOnly: number[] = [];
  const twins: number[] = [];
  for (const edge of scored.strongestFirst()) {
    const [p, q] = [scored.p[edge]!, scored.q[edge]!];
    const [rootP, rootQ] = [clusters.find(p), clusters.find(q)];
    if (rootP === rootQ) continue;
    const sameAgency = identities[p]!.agency === identities[q]!.agency;
    if (!scored.linksAt(edge, sameAgency ? shift.within : shift.across, thresholdWeight)) {
      const score = scoreOf(p, q);
      if (joinsByNameOnly(score)) nameOnly.push(edge);
      else if (score.contradiction === 'twins' && score.weight - CONTRADICTION_WEIGHT >= thresholdWeight - (sameAgency ? shift.within : shift.across)) twins.push(edge);
      else if (linking.explain && probabilityOf(score.weight) >= config.reviewLow) review.push({ edge, reason: contradictionOf(score) ?? 'below_threshold' });
      continue;
    }
    const reason = refusal(linking, crossView, rootP, rootQ, p, q);
    if (reason === undefined) mergeProfiles(linking, p, q);
    else if (linking.explain) review.push({ edge, reason });
  }
  joinByAgencies(linking, crossView, twins, scored, review);
  return { review, nameOnly };
}

/**
 * Whether one given name could be a pet name of the other that the tables do not list: they share
 * an initial or three letters in a row (Poppy, Penelope; Bela, Isabella; Ronnie, Veronica), as pet
 * names are made from part of the name. Theo and Harry cannot.
 */
function couldBePetName(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a[0] === b[0]) return true;
  for (let k = 0; k + 3 <= a.length; k++) if (b.includes(a.slice(k, k + 3))) return true;
  return false;
}

/** Most profiles of each cluster whose given names are compared before an agency_names join. */
const CROSS_NAMES_AT_MOST = 100;

/** Fewest agencies two clusters in the twins pattern must span, none holding both, to be read as one child. */
const AGENCY_NAMES_LEAST = 3;

/**
 * Two clusters in the twins pattern (family name and dob agree, given names differ) are one
 * child known by one name to some agencies and another name to others (Poppy at school, Penelope
 * at the GP) when one name could be a pet name of the other, no agency holds both and together
 * they span three agencies or more: twins are known to the same school and GP, so each agency
 * that knows them would hold two such children.
 */
function joinByAgencies(
  linking: Linking,
  crossView: (p: number, q: number) => CrossView,
  edges: readonly number[],
  scored: ScoredPairs,
  review: { edge: number; reason: ReviewReason }[],
): void {
  const { clusters, members, identities } = linking;
  // A profile holds every record of one identity, whichever agency wrote it.
  const agenciesOf = (root: number) => new Set(members[root]!.flatMap((p) => linking.profiles[p]!.records.map((k) => linking.records[k]!.agency)));
  for (const edge of edges) {
    const [p, q] = [scored.p[edge]!, scored.q[edge]!];
    const [rootP, rootQ] = [clusters.find(p), clusters.find(q)];
    if (rootP === rootQ) continue;
    const [agenciesP, agenciesQ] = [agenciesOf(rootP), agenciesOf(rootQ)];
    // Some pair of names across could be a pet name of the other, and none is alike in spelling yet different (Olivia, Oliver).
    const firstGiven = (profile: number) => identities[profile]!.given.tokens[0] ?? '';
    let petName = false;
    let alike = false;
    for (const x of members[rootP]!.slice(0, CROSS_NAMES_AT_MOST)) {
      for (const y of members[rootQ]!.slice(0, CROSS_NAMES_AT_MOST)) {
        const view = crossView(x, y);
        alike ||= view.givenAlike;
        petName ||= view.givenDisagrees && couldBePetName(firstGiven(x), firstGiven(y));
      }
    }
    if (!petName || alike) {
      if (linking.explain) review.push({ edge, reason: 'twins' });
      continue;
    }
    const disjoint = [...agenciesP].every((agency) => !agenciesQ.has(agency));
    const joined = disjoint && agenciesP.size + agenciesQ.size >= AGENCY_NAMES_LEAST && refusal(linking, crossView, rootP, rootQ, p, q, true) === undefined;
    if (joined) mergeProfiles(linking, p, q, 'agency_names');
    else if (linking.explain) review.push({ edge, reason: 'twins' });
  }
}

/**
 * The priors from the input: the shares of pairs of profiles, within one agency and across two,
 * that a first pass at the starting prior found to be one person, within PRIOR_BOUNDS (as Splink
 * estimates its prior from confident links). Agencies keep one record per person far more than
 * two agencies share one, so the two differ (FEBRL 4: none within, 2e-4 across).
 */
function estimatedPriors(linking: Linking): { within: number; across: number } {
  const agencyOf = (p: number) => linking.identities[p]!.agency;
  const pairsOf = (n: number) => (n * (n - 1)) / 2;
  const countBy = (profiles: readonly number[]) => {
    const counts = new Map<string, number>();
    for (const p of profiles) counts.set(agencyOf(p), (counts.get(agencyOf(p)) ?? 0) + 1);
    return counts;
  };
  const pairsWithin = (profiles: readonly number[]) => [...countBy(profiles).values()].reduce((sum, n) => sum + pairsOf(n), 0);
  let matchingWithin = 0;
  let matchingAcross = 0;
  for (const list of linking.members) {
    const within = pairsWithin(list);
    matchingWithin += within;
    matchingAcross += pairsOf(list.length) - within;
  }
  const all = linking.profiles.map((_, p) => p);
  const within = pairsWithin(all);
  const across = pairsOf(all.length) - within;
  const bounded = (share: number) => Math.min(PRIOR_BOUNDS.most, Math.max(PRIOR_BOUNDS.start, share));
  return { within: within === 0 ? PRIOR_BOUNDS.start : bounded(matchingWithin / within), across: across === 0 ? PRIOR_BOUNDS.start : bounded(matchingAcross / across) };
}

/**
 * The priors settled for the input, as the bits each kind of pair's weight rises from the prior it
 * was scored at: a first clustering pass at the starting prior gives the estimate, and the clusters
 * are put back as the deterministic rules left them for the pass that counts.
 */
function settlePriors(linking: Linking, scored: ScoredPairs): { within: number; across: number } {
  const none = { within: 0, across: 0 };
  if (linking.config.priorShiftAtMost === 0 || linking.profiles.length < PRIOR_BOUNDS.leastProfiles) return none;
  const before = { clusters: linking.clusters.copy(), members: linking.members.map((list) => [...list]), merges: [...linking.merges], explain: linking.explain };
  linking.explain = false;
  clusterPass(linking, scored, none);
  const priors = estimatedPriors(linking);
  const start = weightOf(linking.config.priorProbability);
  linking.config = { ...linking.config, priorProbability: priors.within, priorAcrossAgencies: priors.across, priorShiftAtMost: 0 };
  linking.context.config = linking.config;
  Object.assign(linking, before);
  return { within: weightOf(priors.within) - start, across: weightOf(priors.across) - start };
}

/**
 * Clustering of the scored pairs on the evidence across clusters, at a prior estimated from the
 * input unless the user set one; then records with no dob join the one person their name fits;
 * then the persons.
 */
function finishLinking(linking: Linking, scored: ScoredPairs): Linkage {
  const shift = settlePriors(linking, scored);
  const { review, nameOnly } = clusterPass(linking, scored, shift);
  joinByName(linking, scored, nameOnly, review);
  const { records, config, explain, context, profiles, clusters } = linking;
  const links = linking.merges.map(({ p, q, rule }) => {
    const evidence = evidenceOfProfiles(linking, p, q);
    return rule === undefined ? evidence : { ...evidence, rule };
  });

  // Records of one profile are linked to its first record, so every record is explained by some link.
  for (const profile of explain ? profiles : []) {
    const [first, ...rest] = profile.records;
    // Records with one identity object have one evidence: computed once, shared but for the record indices.
    const byIdentity = new Map<Identity, PairEvidence>();
    for (const index of rest) {
      const identity = context.identities[index]!;
      let evidence = byIdentity.get(identity);
      if (evidence === undefined) {
        evidence = evidenceOf(first!, index, context.identities[first!]!, identity, context, config);
        byIdentity.set(identity, evidence);
        links.push(evidence);
      } else {
        links.push({ ...evidence, a: Math.min(first!, index), b: Math.max(first!, index) });
      }
    }
  }

  const clusterMembers = new Map<number, number[]>();
  profiles.forEach((profile, p) => {
    const root = clusters.find(p);
    const list = clusterMembers.get(root) ?? [];
    list.push(...profile.records);
    clusterMembers.set(root, list);
  });
  const described = [...clusterMembers.values()].map((recordIndices) => {
    const person = describePerson(records, recordIndices, context.identities);
    let ref = records[recordIndices[0]!]!;
    for (const k of recordIndices) if (compareRefs(records[k]!, ref) < 0) ref = records[k]!;
    const sortKey = JSON.stringify([
      compactName(person.name.family),
      compactName(person.name.given),
      person.dob ?? '',
      ref.file,
      String(ref.line).padStart(12, '0'),
    ]);
    return { person, sortKey };
  });
  described.sort((x, y) => lexical(x.sortKey, y.sortKey));
  const ids = stableIds(
    'P',
    described.map(({ person }) => person.records.map((k) => personKey(records[k]!))),
    (a, b) => a - b,
  );
  const personOf = new Int32Array(records.length);
  const persons: Person[] = described.map(({ person }, index) => {
    for (const k of person.records) personOf[k] = index;
    return { id: ids[index]!, ...person };
  });

  const byRecords = (x: PairEvidence, y: PairEvidence) => compareRefs(records[x.a]!, records[y.a]!) || compareRefs(records[x.b]!, records[y.b]!);
  const uncertain = review
    .filter(({ edge }) => clusters.find(scored.p[edge]!) !== clusters.find(scored.q[edge]!))
    .map(({ edge, reason }) => ({ ...evidenceOfProfiles(linking, scored.p[edge]!, scored.q[edge]!), reason }))
    .sort((x, y) => y.weight - x.weight || byRecords(x, y));
  return { persons, personOf, links: links.sort(byRecords), uncertain, config };
}

