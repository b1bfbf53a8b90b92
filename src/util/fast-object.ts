/**
 * Most properties an object built by computed keys is trusted to keep fast: V8 in Node 20 makes it a
 * slow dictionary at 20; this bound stays clear of that limit, which differs between V8 versions.
 */
const FAST_PROPERTIES = 16;

/**
 * `object`, given `properties` properties by computed keys, or a fast copy of it: as a dictionary a
 * row of 24 cells takes 1.6 KB, as a spread copy 250 bytes. Rows of wide exports are held for the whole run.
 */
export function fastObject<T extends object>(object: T, properties: number): T {
  return properties > FAST_PROPERTIES ? { ...object } : object;
}
