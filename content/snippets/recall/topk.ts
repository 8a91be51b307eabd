/**
 * Exact top-K retrieval: score every item, keep the K best in a min-heap of size K. This is the
 * brute-force baseline that approximate nearest-neighbour indexes (IVF, HNSW, PQ) are measured
 * against: O(n log K) time and O(K) memory instead of sorting all n scores.
 */

export interface Scored {
  index: number;
  score: number;
}

// #region heap
/** a ranks below b: a lower score, or an equal score and a larger index (ties go to the lower index). */
function worse(a: Scored, b: Scored): boolean {
  return a.score < b.score || (a.score === b.score && a.index > b.index);
}

/** Restore the heap below position i: the worst kept item must sit at the root. */
function siftDown(heap: Scored[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let w = i;
    if (l < heap.length && worse(heap[l]!, heap[w]!)) w = l;
    if (r < heap.length && worse(heap[r]!, heap[w]!)) w = r;
    if (w === i) return;
    [heap[i], heap[w]] = [heap[w]!, heap[i]!];
    i = w;
  }
}

function siftUp(heap: Scored[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!worse(heap[i]!, heap[parent]!)) return;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

/**
 * The k highest scores, best first (ties broken by lower index); k > n returns all n. Scores may
 * be any numbers including +-Infinity; a NaN score throws a RangeError naming its index.
 */
export function topK(scores: readonly number[], k: number): Scored[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`topK: k must be a non-negative integer, got ${k}`);
  const heap: Scored[] = [];
  if (k === 0) return heap;
  scores.forEach((score, index) => {
    if (Number.isNaN(score)) throw new RangeError(`topK: score at index ${index} is NaN`);
    const item = { index, score };
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap, heap.length - 1);
    } else if (worse(heap[0]!, item)) {
      // The newcomer beats the worst of the current K: it takes the root's place.
      heap[0] = item;
      siftDown(heap, 0);
    }
  });
  // Only K items are left to order, so this final sort costs O(K log K).
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
// #endregion

// #region retrieve
/**
 * Brute-force retrieval: inner product of the user vector (d numbers) with every item vector
 * (d numbers each), then top-K. Returns the k best items with score = <user, item>, best first.
 */
export function retrieve(user: readonly number[], items: readonly (readonly number[])[], k: number): Scored[] {
  // Divide the user by its largest |x| and all items by theirs (positive constants, so the order
  // is unchanged): the products then lie in [-1, 1] and cannot overflow (vectors of 1e200) or
  // underflow to a tie at 0 (vectors of 1e-200). The score is rescaled at the end; it saturates
  // at +-Infinity only when the true inner product is beyond 1.8e308.
  const userMax = maxAbs(user);
  const itemMax = items.reduce((m, v) => Math.max(m, maxAbs(v)), 0);
  if (!Number.isFinite(userMax) || !Number.isFinite(itemMax))
    throw new RangeError('retrieve: user and item vectors must have finite entries');
  const su = userMax || 1; // an all-zero vector scores 0 whatever the scale
  const sv = itemMax || 1;
  const scores = items.map((v, j) => {
    if (v.length !== user.length)
      throw new RangeError(`retrieve: item ${j} has dimension ${v.length}, expected ${user.length}`);
    return v.reduce((s, x, d) => s + (x / sv) * (user[d]! / su), 0);
  });
  return topK(scores, k).map(({ index, score }) => ({ index, score: score * su * sv }));
}

/** The largest absolute entry of v: 0 for the zero vector, NaN if an entry is NaN. */
function maxAbs(v: readonly number[]): number {
  return v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
}
// #endregion
