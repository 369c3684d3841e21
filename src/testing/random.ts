/**
 * Deterministic randomness for the fake: a small seeded generator (mulberry32), so that the
 * same seed and the same requests give the same ids and the same seeded data.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `count` hexadecimal characters. */
  hex(count: number): string;
}

/** FNV-1a: a string seed as 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function createRandom(seed: string | number): Random {
  let state = hash(String(seed));
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    hex: (count) => Array.from({ length: count }, () => int(0, 15).toString(16)).join(""),
  };
}

/**
 * Ids shaped like HighLevel's (MongoDB ObjectIds, 24 hexadecimal characters): the creation
 * second, a part fixed by the seed, and a counter, so they are unique and sort by creation.
 */
export function createIdGenerator(seed: string | number, clock: () => number): () => string {
  const middle = createRandom(`ids:${seed}`).hex(10);
  let counter = 0;
  return () => {
    const seconds = Math.floor(clock() / 1000) >>> 0;
    counter = (counter + 1) % 0x1000000;
    return seconds.toString(16).padStart(8, "0") + middle + counter.toString(16).padStart(6, "0");
  };
}
