import type { ChronologyEvent } from '../model/stages.js';
import type { Report } from './report.js';

/** One agency's own account of a merged event, from its records (several records of one agency joined). */
export interface Account {
  agency: string;
  description?: string;
  impact?: string;
  severity?: number;
  threshold_met?: boolean;
  outcome?: string;
}

const joined = (values: readonly (string | undefined)[]): string | undefined => {
  const distinct = [...new Set(values.filter((v): v is string => v !== undefined && v.trim() !== ''))];
  return distinct.length === 0 ? undefined : distinct.join(' / ');
};

/** Each agency's account of the event, in agency order. */
export function accountsOf(report: Report, event: ChronologyEvent): Account[] {
  const byAgency = new Map<string, ReturnType<typeof report.load.records.at>[]>();
  for (const source of event.sources) {
    const list = byAgency.get(source.agency) ?? [];
    list.push(report.load.records[source.record]);
    byAgency.set(source.agency, list);
  }
  return [...byAgency]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agency, records]) => {
      const rs = records.filter((r) => r !== undefined);
      const severities = rs.flatMap((r) => (r.severity === undefined ? [] : [r.severity]));
      const threshold = rs.find((r) => r.threshold_met !== undefined)?.threshold_met;
      const account: Account = { agency };
      const description = joined(rs.map((r) => r.description));
      const impact = joined(rs.map((r) => r.impact));
      const outcome = joined(rs.map((r) => r.outcome));
      if (description !== undefined) account.description = description;
      if (impact !== undefined) account.impact = impact;
      if (severities.length > 0) account.severity = Math.max(...severities);
      if (threshold !== undefined) account.threshold_met = threshold;
      if (outcome !== undefined) account.outcome = outcome;
      return account;
    });
}

/**
 * What the event says, every agency's own account where they differ: "Police: ... | School: ...".
 * One account, or several that say the same, read as one description.
 */
export function accountText(report: Report, event: ChronologyEvent, withImpact = false): string {
  const accounts = accountsOf(report, event);
  const text = (a: Account) => [a.description, withImpact && a.impact ? `Impact: ${a.impact}` : undefined].filter(Boolean).join(' ');
  const distinct = new Set(accounts.map(text).filter((t) => t !== ''));
  if (distinct.size <= 1) return [...distinct][0] ?? text({ agency: '', description: event.description, impact: event.impact });
  return accounts.filter((a) => text(a) !== '').map((a) => `${a.agency}: ${text(a)}`).join(' | ');
}

/** Where the agencies' severities, threshold decisions or outcomes differ, each agency's side: one line, or ''. */
export function differenceText(report: Report, event: ChronologyEvent): string {
  const accounts = accountsOf(report, event);
  if (accounts.length < 2) return '';
  const side = <T>(pick: (a: Account) => T | undefined, show: (v: T) => string): string | undefined => {
    const with_ = accounts.filter((a) => pick(a) !== undefined);
    // "No further action" and "no further action" agree: only a difference in what was said counts.
    if (new Set(with_.map((a) => String(pick(a)).toLowerCase().replace(/\s+/g, ' ').trim())).size < 2) return undefined;
    return with_.map((a) => `${a.agency} ${show(pick(a) as T)}`).join(', ');
  };
  const parts = [
    ['severity', side((a) => a.severity, String)],
    ['threshold met', side((a) => a.threshold_met, (v) => (v ? 'yes' : 'no'))],
    ['outcome', side((a) => a.outcome, (v) => JSON.stringify(v))],
  ].filter((p): p is [string, string] => p[1] !== undefined);
  return parts.length === 0 ? '' : `Agencies differ on ${parts.map(([what, sides]) => `${what}: ${sides}`).join('; ')}`;
}
