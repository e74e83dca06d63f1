/** What `compute` gives for `key`, worked out once while the key lives (a source, a unit list, a rule table). */
export function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, compute: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}
