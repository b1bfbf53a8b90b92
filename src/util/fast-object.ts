/** Most properties an object built by computed keys keeps before V8 makes it a slow dictionary. */
const FAST_PROPERTIES = 16;

/**
 * `object`, given `properties` properties by computed keys, or a fast copy of it: as a dictionary a
 * row of 24 cells takes 1.6 KB, as a spread copy 250 bytes. Rows of wide exports are held for the whole run.
 */
export function fastObject<T extends object>(object: T, properties: number): T {
  return properties > FAST_PROPERTIES ? { ...object } : object;
}
