/** Appends items one by one: push(...items) overflows the call stack on a few hundred thousand items. */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
