/**
 * Per-object memoisation. dockerfile-ast recomputes arguments and flags on every call, and several
 * rules ask the same questions of one instruction or model; each answer is computed once.
 */
export function memoize<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
