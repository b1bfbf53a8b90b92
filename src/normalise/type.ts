import { quote } from '../errors.js';
import { EVENT_TYPES, type EventType } from '../model/vocabulary.js';
import { cellText, type FieldResult } from './field.js';

/** Case, spaces, hyphens and underscores are not significant in a type (PRODUCT.md). */
function typeKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '');
}

const TYPE_BY_KEY = new Map<string, EventType>(EVENT_TYPES.map((type) => [typeKey(type), type]));

/** The event type; an unknown or missing one is kept as `other` with a warning, so no event is lost. */
export function parseEventType(cell: string | undefined): FieldResult<EventType> & { value: EventType } {
  const text = cellText(cell);
  if (text === undefined) return { value: 'other', warning: 'no type, kept as other' };
  const type = TYPE_BY_KEY.get(typeKey(text));
  return type ? { value: type } : { value: 'other', warning: `unknown type ${quote(text)}, kept as other` };
}
