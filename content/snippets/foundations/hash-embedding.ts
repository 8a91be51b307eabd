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

// #region collisions
/**
 * Expected fraction of n distinct ids that share their full k-bucket code with at least one other
 * id, when each of the k hashes is uniform on m buckets: 1 - (1 - m^-k)^(n-1).
 */
export function expectedCollidingFraction(n: number, m: number, k = 1): number {
  return 1 - Math.pow(1 - Math.pow(m, -k), n - 1);
}

/** Expected number of non-empty buckets after hashing n ids into m: m (1 - (1 - 1/m)^n). */
export function expectedOccupiedBuckets(n: number, m: number): number {
  return m * (1 - Math.pow(1 - 1 / m, n));
}

/** Birthday problem, exact: P(some two of n ids share a bucket) = 1 - prod_{i<n} (1 - i/m). */
export function birthdayCollisionProbability(n: number, m: number): number {
  let pNone = 1;
  for (let i = 1; i < n; i++) pNone *= 1 - i / m;
  return 1 - pNone;
}

/** What actually happened when these keys were hashed: the measured counterparts of the above. */
export function measureCollisions(
  keys: readonly string[],
  k: number,
  m: number,
  seed: number,
): { collidingFraction: number; occupiedBuckets: number } {
  const codeCount = new Map<string, number>();
  const codes: string[] = [];
  const firstBuckets = new Set<number>();
  for (const key of keys) {
    const b = kHashBuckets(key, k, m, seed);
    firstBuckets.add(b[0]!);
    const code = b.join(',');
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
 * two ids share a code only if all k hashes collide (probability m^-k per pair).
 */
export function dheEncode(key: string, k: number, m: number, seed: number): number[] {
  if (m < 2) throw new RangeError(`dheEncode: m must be >= 2, got ${m}`);
  return kHashBuckets(key, k, m, seed).map((h) => (2 * h) / (m - 1) - 1);
}
// #endregion
