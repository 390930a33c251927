/**
 * The value kept under `key` in `cache`, made and kept when missing. The cache holds at most `size`
 * entries: the least recently used goes first (a Map keeps insertion order, and a hit moves to the end).
 */
export function remember<K, T>(cache: Map<K, T>, key: K, make: () => T, size: number): T {
  let hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
  } else {
    hit = make();
    if (cache.size >= size) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, hit);
  return hit;
}
