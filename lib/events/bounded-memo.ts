/**
 * `compute` remembered per key, for at most `limit` keys (then all forgotten at once): logs repeat the
 * same addresses, user agents, accounts and days millions of times, and a bounded cache never grows
 * with the file.
 */
export function boundedMemo<K, V extends NonNullable<unknown> | null>(limit: number, compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let hit = cache.get(key);
    if (hit === undefined) {
      if (cache.size >= limit) cache.clear();
      hit = compute(key);
      cache.set(key, hit);
    }
    return hit;
  };
}
