/** What `remember` needs of a cache: a Map or a WeakMap. */
export interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value cached for `key`, computed by `compute` and kept on a miss. */
export function remember<K, V>(cache: Cache<K, V>, key: K, compute: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}
