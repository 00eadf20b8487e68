/**
 * A small seeded pseudo-random source (sfc32 seeded through a string hash).
 * Deterministic across Node versions and platforms, unlike Math.random, so
 * a seed always gives the same residents. Not for anything secret.
 *
 * @internal
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** @internal */
export function createRandom(seed: number | string): Random {
  let [a, b, c, d] = hashSeed(String(seed));
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: sfc32 needs a few rounds to mix a weak seed.
  for (let i = 0; i < 15; i += 1) next();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

function hashSeed(text: string): [number, number, number, number] {
  // Four independent 32-bit FNV-1a style hashes with different offsets.
  const out: [number, number, number, number] = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  for (let lane = 0; lane < 4; lane += 1) {
    let h = out[lane] as number;
    for (let i = 0; i < text.length; i += 1) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
      h ^= h >>> 13;
    }
    h ^= lane * 0x27d4eb2d;
    out[lane] = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  }
  return out;
}
