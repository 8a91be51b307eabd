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

/** The k highest scores, best first (ties broken by lower index); k > n returns all n. */
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
/** Brute-force retrieval: inner product of the user vector with every item vector, then top-K. */
export function retrieve(user: readonly number[], items: readonly (readonly number[])[], k: number): Scored[] {
  const scores = items.map((v, j) => {
    if (v.length !== user.length)
      throw new RangeError(`retrieve: item ${j} has dimension ${v.length}, expected ${user.length}`);
    return v.reduce((s, x, d) => s + x * user[d]!, 0);
  });
  return topK(scores, k);
}
// #endregion
