/** Canonical postcode form for comparison: upper case, one space before the inward code. Apart from record.ts so linkage's workers start without zod. */
export function canonicalPostcode(postcode: string): string {
  const compact = postcode.toUpperCase().replace(/\s+/g, '');
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}
