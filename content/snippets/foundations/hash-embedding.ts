/**
 * The hashing trick for huge id spaces: a seeded string hash (MurmurHash3, x86 32-bit), bucketing
 * with one or k hash functions, the analytic collision rates to size the table with, and the two
 * ways of getting past collisions that the note covers: hash embeddings (k lookups combined with
 * per-id importance weights) and Deep Hash Embedding's dense hash code.
 */

// #region murmur
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** MurmurHash3_x86_32 of a byte string: well mixed, fast, and seedable (a new seed = a new hash). */
export function murmur3_32(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  const n = bytes.length;
  const blocks = n >>> 2;
  for (let i = 0; i < blocks; i++) {
    const j = 4 * i;
    let k = bytes[j]! | (bytes[j + 1]! << 8) | (bytes[j + 2]! << 16) | (bytes[j + 3]! << 24);
    k = Math.imul(rotl32(Math.imul(k, C1), 15), C2);
    h ^= k;
    h = (Math.imul(rotl32(h, 13), 5) + 0xe6546b64) | 0;
  }
  // The 1-3 trailing bytes are mixed in without the h rotation.
  const tail = 4 * blocks;
  const rest = n & 3;
  if (rest > 0) {
    let k = 0;
    if (rest === 3) k ^= bytes[tail + 2]! << 16;
    if (rest >= 2) k ^= bytes[tail + 1]! << 8;
    k ^= bytes[tail]!;
    h ^= Math.imul(rotl32(Math.imul(k, C1), 15), C2);
  }
  // Finalisation: every input bit affects every output bit.
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const utf8 = new TextEncoder();

/** Hash of a string's UTF-8 bytes, as an unsigned 32-bit integer. */
export function hashString(key: string, seed: number): number {
  return murmur3_32(utf8.encode(key), seed);
}
// #endregion

// #region buckets
function requireBuckets(m: number, name: string): void {
  if (!Number.isInteger(m) || m < 1 || m > 2 ** 32)
    throw new RangeError(`${name}: m must be an integer in [1, 2^32], got ${m}`);
}

/** Seed of the i-th hash function: spread out by the golden-ratio constant so seeds never repeat. */
export function seedOf(seed: number, i: number): number {
  return (seed + Math.imul(i + 1, 0x9e3779b9)) >>> 0;
}

/** The hashing trick: id -> one of m rows. Modulo bias is ~m / 2^32, negligible for m << 2^32. */
export function hashBucket(key: string, m: number, seed: number): number {
  requireBuckets(m, 'hashBucket');
  return hashString(key, seed) % m;
}

/** k independent buckets for one id (hash functions h_1..h_k differ only by their seed). */
export function kHashBuckets(key: string, k: number, m: number, seed: number): number[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`kHashBuckets: k must be an integer >= 1, got ${k}`);
  requireBuckets(m, 'kHashBuckets');
  const out: number[] = [];
  for (let i = 0; i < k; i++) out.push(hashString(key, seedOf(seed, i)) % m);
  return out;
}
// #endregion

function requireCount(x: number, name: string, min: number): void {
  if (!Number.isSafeInteger(x) || x < min)
    throw new RangeError(`${name} must be an integer in [${min}, 2^53), got ${x}`);
}

/** log of n! (exact sum of logs; k stays small here). */
function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/** The partitions of k (as lists of parts, largest first): 3 -> [3], [2, 1], [1, 1, 1]. */
function partitions(k: number, largest = k): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let part = Math.min(k, largest); part >= 1; part--)
    for (const rest of partitions(k - part, part)) out.push([part, ...rest]);
  return out;
}

/** log of sum(exp(xs)), shifted by the largest term so that nothing underflows first. */
function logSumExp(xs: readonly number[]): number {
  const top = Math.max(...xs);
  if (top === -Infinity) return -Infinity;
  return top + Math.log(xs.reduce((s, x) => s + Math.exp(x - top), 0));
}

// #region sum-collisions
/**
 * How k row indices become one code. 'concat': the ordered tuple (concatenated rows, or k
 * separate tables), so two ids must agree hash by hash. 'sum': the rows of one shared table
 * are added, and a sum forgets the order, so only the multiset of the k rows counts.
 */
export type Combine = 'concat' | 'sum';

/**
 * The codes an id can get, grouped into classes of equal probability: log of one code's
 * probability P and log of the whole class's probability mass W. concat: one class, every
 * ordered tuple has P = m^-k. sum: one class per partition of k (l parts, r_s parts of size s),
 * holding m (m-1) ... (m-l+1) / prod r_s! multisets, each with P = k! / prod(c_j!) * m^-k
 * (c_j = how often row j occurs). All in logs, so that m^-k cannot underflow.
 */
function codeClasses(m: number, k: number, combine: Combine, caller: string): { logP: number; logW: number }[] {
  requireCount(m, `${caller}: m`, 1);
  requireCount(k, `${caller}: k`, 1);
  if (combine === 'concat') return [{ logP: -k * Math.log(m), logW: 0 }];
  if (k > 30) throw new RangeError(`${caller}: k must be <= 30 for 'sum', got ${k}`);
  const out: { logP: number; logW: number }[] = [];
  for (const parts of partitions(k)) {
    const l = parts.length;
    if (l > m) continue; // more distinct rows than the table has
    let logP = logFactorial(k) - k * Math.log(m);
    for (const part of parts) logP -= logFactorial(part);
    let logCount = 0;
    for (let i = 0; i < l; i++) logCount += Math.log(m - i); // choose l distinct rows in order
    const multiplicity = new Map<number, number>();
    for (const part of parts) multiplicity.set(part, (multiplicity.get(part) ?? 0) + 1);
    for (const r of multiplicity.values()) logCount -= logFactorial(r); // equal parts: order does not count
    out.push({ logP, logW: logCount + logP });
  }
  return out;
}

/**
 * log P(two ids get the same code), each of their k hashes uniform on m buckets:
 * sum over codes c of P(c)^2 = sum over classes of W * P. concat: m^-k. sum: the two multisets
 * of rows agree, (2m - 1) / m^3 at k = 2 and about k! m^-k once m >> k^2.
 * Throws a RangeError unless m and k are integers >= 1 (and k <= 30 for 'sum').
 */
export function logPairCollisionProbability(m: number, k: number, combine: Combine = 'concat'): number {
  return logSumExp(codeClasses(m, k, combine, 'logPairCollisionProbability').map((c) => c.logW + c.logP));
}

/** P(two ids get the same code): m^-k for 'concat'; for 'sum' (2m - 1) / m^3 at k = 2, about k! m^-k for large m. */
export function pairCollisionProbability(m: number, k: number, combine: Combine = 'concat'): number {
  const logP = logPairCollisionProbability(m, k, combine); // also checks m and k
  return combine === 'concat' ? m ** -k : Math.exp(logP);
}
// #endregion

// #region collisions
/**
 * log(1 - (1 - p)^(n-1)), p = e^logP: the chance that some of the other n - 1 ids lands on a
 * code of probability p. Below p = e^-36 ~ 2e-16, log1p(-p) is -p to double precision, so stay
 * in logs (p may underflow); below (n-1) p = e^-36, 1 - e^-x is x.
 */
function logSharedByAnother(logP: number, n: number): number {
  if (logP < -36) {
    const logX = Math.log(n - 1) + logP; // log of (n-1) p
    return logX < -36 ? logX : Math.log(-Math.expm1(-Math.exp(logX)));
  }
  return Math.log(-Math.expm1((n - 1) * Math.log1p(-Math.exp(logP))));
}

/**
 * Expected fraction of n distinct ids whose code is shared by at least one other id. An id
 * whose code has probability P is shared with probability 1 - (1 - P)^(n-1); averaged over the
 * id's own code, sum over classes of W * (1 - (1 - P)^(n-1)). For 'concat' every code has
 * P = m^-k and this is 1 - (1 - m^-k)^(n-1); for 'sum' the codes with all k rows distinct are
 * more likely than the rest, and the average sits slightly below 1 - (1 - p_pair)^(n-1).
 * Evaluated in logs with log1p/expm1, so a P far below 1e-16 is not rounded away in 1 - P.
 * Throws a RangeError unless n, m, k are integers >= 1.
 */
export function expectedCollidingFraction(n: number, m: number, k = 1, combine: Combine = 'concat'): number {
  requireCount(n, 'expectedCollidingFraction: n', 1);
  const classes = codeClasses(m, k, combine, 'expectedCollidingFraction');
  if (n === 1) return 0;
  return Math.min(1, Math.exp(logSumExp(classes.map((c) => c.logW + logSharedByAnother(c.logP, n)))));
}

/**
 * Expected number of non-empty buckets after hashing n ids into m: m (1 - (1 - 1/m)^n), as
 * -m expm1(n log1p(-1/m)) so that a table far larger than n (m = 1e15) keeps its digits.
 */
export function expectedOccupiedBuckets(n: number, m: number): number {
  requireCount(n, 'expectedOccupiedBuckets: n', 0);
  requireCount(m, 'expectedOccupiedBuckets: m', 1);
  if (n === 0) return 0;
  return m * -Math.expm1(n * Math.log1p(-1 / m));
}

/**
 * Birthday problem, exact: P(some two of n ids share a bucket) = 1 - prod_{i<n} (1 - i/m),
 * with the product summed in logs (log1p) and 1 - exp taken by expm1, so that a tiny
 * probability (n = 100 in m = 2^32) keeps its digits.
 */
export function birthdayCollisionProbability(n: number, m: number): number {
  requireCount(n, 'birthdayCollisionProbability: n', 0);
  requireBuckets(m, 'birthdayCollisionProbability');
  if (n < 2) return 0;
  if (n > m) return 1; // pigeonhole
  let logNone = 0;
  for (let i = 1; i < n; i++) {
    logNone += Math.log1p(-i / m);
    if (logNone < -800) return 1; // 1 - e^-800 is 1 in double precision
  }
  return -Math.expm1(logNone);
}

/** What actually happened when these keys were hashed: the measured counterparts of the above. */
export function measureCollisions(
  keys: readonly string[],
  k: number,
  m: number,
  seed: number,
  combine: Combine = 'concat',
): { collidingFraction: number; occupiedBuckets: number } {
  const codeCount = new Map<string, number>();
  const codes: string[] = [];
  const firstBuckets = new Set<number>();
  for (const key of keys) {
    const b = kHashBuckets(key, k, m, seed);
    firstBuckets.add(b[0]!);
    // A sum of rows of one table only sees which rows were picked, not in which order.
    const code = (combine === 'sum' ? [...b].sort((x, y) => x - y) : b).join(',');
    codes.push(code);
    codeCount.set(code, (codeCount.get(code) ?? 0) + 1);
  }
  let colliding = 0;
  for (const code of codes) if (codeCount.get(code)! > 1) colliding++;
  return { collidingFraction: colliding / keys.length, occupiedBuckets: firstBuckets.size };
}
// #endregion

// #region hash-embedding
/**
 * Hash embedding (Svenstrup et al., 2017): the id's vector is a weighted sum of k rows of a
 * shared pool, picked by k hash functions; the k importance weights are the id's own (trained)
 * parameters. Two ids that collide on every row still differ if their weights differ.
 */
export function combineHashEmbedding(
  buckets: readonly number[],
  importance: readonly number[],
  pool: readonly (readonly number[])[],
): number[] {
  if (buckets.length !== importance.length) {
    throw new RangeError(
      `combineHashEmbedding: importance must have one weight per bucket (${buckets.length}), got ${importance.length}`,
    );
  }
  const d = pool[0]?.length ?? 0;
  const out = new Array<number>(d).fill(0);
  buckets.forEach((b, i) => {
    const row = pool[b];
    if (!row) throw new RangeError(`combineHashEmbedding: bucket ${b} is outside the pool of ${pool.length} rows`);
    const w = importance[i]!;
    for (let j = 0; j < d; j++) out[j]! += w * row[j]!;
  });
  return out;
}
// #endregion

// #region dhe
/**
 * Deep Hash Embedding's encoder (Kang et al., 2021): k hashes into [0, m), each mapped to
 * [-1, 1], giving a dense code that an MLP turns into the embedding. No table is stored, and
 * two ids share a code only if all k hashes collide in order (probability m^-k per pair).
 */
export function dheEncode(key: string, k: number, m: number, seed: number): number[] {
  if (m < 2) throw new RangeError(`dheEncode: m must be >= 2, got ${m}`);
  return kHashBuckets(key, k, m, seed).map((h) => (2 * h) / (m - 1) - 1);
}
// #endregion
