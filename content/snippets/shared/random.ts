/**
 * A small seedable random number generator shared by every snippet.
 *
 * Snippets never call Math.random(): they take an `Rng` so that tests, build-time figures and
 * in-browser demos draw exactly the same numbers from the same seed.
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

// #region mulberry32
/** Mulberry32: a 32-bit state generator, fast and good enough for simulation and teaching. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
// #endregion

/** A uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`randomInt: n must be a positive integer, got ${n}`);
  return Math.floor(rng() * n);
}

/** A standard normal draw by the Box-Muller transform. */
export function normal(rng: Rng): number {
  // 1 - u keeps the argument of log in (0, 1], so log never sees 0.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher-Yates shuffle of a copy of `items`. */
export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
