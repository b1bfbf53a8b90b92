import { UsageError } from '../errors.js';
import { PartialDate } from '../model/date.js';
import { EventType } from '../model/vocabulary.js';
import type { EventFilter } from '../pipeline/filter.js';
import type { FilterCliOptions } from './options.js';

function checkDate(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!PartialDate.safeParse(value).success) throw new UsageError(`${flag} ${JSON.stringify(value)} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`);
  return value;
}

export function filterFromOptions(options: FilterCliOptions): EventFilter {
  const types = options.type?.map((t) => {
    const parsed = EventType.safeParse(t.trim().toLowerCase().replace(/[\s-]+/g, '_'));
    if (!parsed.success) throw new UsageError(`--type ${JSON.stringify(t)} is not a type of the vocabulary`);
    return parsed.data;
  });
  const minSeverity = options.minSeverity === undefined ? undefined : Number(options.minSeverity);
  if (minSeverity !== undefined && !(Number.isInteger(minSeverity) && minSeverity >= 1 && minSeverity <= 5)) {
    throw new UsageError(`--min-severity ${JSON.stringify(options.minSeverity)} is not a severity from 1 to 5`);
  }
  return {
    persons: options.person,
    from: checkDate('--from', options.from),
    to: checkDate('--to', options.to),
    types,
    agencies: options.onlyAgency,
    minSeverity,
  };
}
