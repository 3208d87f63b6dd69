/** A small deterministic PRNG (mulberry32): the same seed gives the same demo data on every machine. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** True with probability p. */
    chance: (p: number) => next() < p,
    /** A value between min and max, most likely near mode (triangular distribution). */
    triangular: (min: number, mode: number, max: number) => {
      const u = next();
      const c = (mode - min) / (max - min);
      return u < c
        ? min + Math.sqrt(u * (max - min) * (mode - min))
        : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
    },
    /** Picks from [item, weight] pairs in proportion to the weights. */
    weighted: <T>(table: WeightedTable<T>): T => {
      // Binary search for the first cumulative weight above the draw.
      const u = next() * table.total;
      let lo = 0;
      let hi = table.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (table.cumulative[mid]! > u) hi = mid;
        else lo = mid + 1;
      }
      return table.items[lo]![0];
    },
    /** Fisher–Yates shuffle of a copy. */
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}
export type Random = ReturnType<typeof createRandom>;

/** A weight table prepared once for `Random.weighted`. */
export type WeightedTable<T> = {
  items: readonly (readonly [T, number])[];
  cumulative: readonly number[];
  total: number;
};

export function weightedTable<T>(items: readonly (readonly [T, number])[]): WeightedTable<T> {
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of items) {
    total += w;
    cumulative.push(total);
  }
  return { items, cumulative, total };
}

/**
 * Mixes numbers into one 32-bit seed (murmur3's finaliser per part), so that an independent stream can be
 * derived for each person from the run's seed and the person's index: the data of one person does not
 * depend on how many draws the others made.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h ^= p >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}
