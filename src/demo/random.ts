/**
 * A small seeded PRNG (mulberry32): the demo company and the benchmarks generate the same data
 * on every run and every machine.
 */
export type Random = () => number;

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** Roughly normal noise around 1 with the given relative spread. */
export function jitter(rand: Random, spread: number): number {
  return 1 + (rand() + rand() + rand() - 1.5) * spread * 0.8;
}
