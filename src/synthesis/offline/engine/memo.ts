/** Fresh containers for `memo` to make on a key's first look-up ("the list of this key, made if new"). */
export const newList = <T>(): T[] => [];
export const newSet = <T>(): Set<T> => new Set();
export const newMap = <K, V>(): Map<K, V> => new Map();

/** What `compute` gives for `key`, worked out once per cache (a source, a unit list, a rule table, a value). */
export function memo<K, V>(
  cache: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  compute: (key: K) => V,
): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}
