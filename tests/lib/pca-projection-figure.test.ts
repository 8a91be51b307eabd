import { describe, expect, it } from 'vitest';
import pcaProjection, { SUMMARY } from '../../src/figures/pca-projection.ts';
import { covariance } from '../../content/snippets/recall/pca.ts';
import { localized } from '../../src/lib/figure.ts';

/** All eigenvalues of a symmetric matrix by cyclic Jacobi rotations, descending: an independent check. */
function jacobiEigenvalues(C: readonly (readonly number[])[]): number[] {
  const A = C.map((row) => [...row]);
  const n = A.length;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p]![q]! ** 2;
    if (off < 1e-24) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p]![q]!;
        if (apq === 0) continue;
        const theta = (A[q]![q]! - A[p]![p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
        const c = 1 / Math.hypot(t, 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k]![p]!;
          const akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p]![k]!;
          const aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return A.map((row, i) => row[i]!).sort((a, b) => b - a);
}

describe('pca-projection figure', () => {
  it('quotes converged explained-variance ratios: power iteration agrees with a Jacobi decomposition', () => {
    const eig = jacobiEigenvalues(covariance(SUMMARY.X));
    const total = eig.reduce((a, b) => a + b, 0);
    SUMMARY.explained.forEach((r, c) => expect(r).toBeCloseTo(eig[c]! / total, 8));
    // PC2 and PC3 are the closest pair the figure needs (24.5% and 16.8%): a gap wide enough for
    // power iteration, which converges at rate lambda_3 / lambda_2 = 0.69 per step.
    expect(eig[2]! / eig[1]!).toBeLessThan(0.75);
  });

  it('says what the picture leaves out: a third between-category direction, then noise', () => {
    // Four centres span three directions: PC3 still carries category structure, far above the
    // variance of one noise direction (about 1 of a total near 46).
    const [r1, r2, r3] = SUMMARY.explained as [number, number, number];
    expect(r3).toBeGreaterThan(0.1);
    const caption = localized(pcaProjection.caption, 'en');
    expect(caption).toContain(`PC1 and PC2 keep ${(100 * r1).toFixed(1)}% and ${(100 * r2).toFixed(1)}%`);
    expect(caption).toContain(`PC3 (${(100 * r3).toFixed(1)}%, not drawn)`);
    expect(caption).toContain(`remaining ${(100 * (1 - r1 - r2 - r3)).toFixed(1)}%`);
    const zh = localized(pcaProjection.caption, 'zh');
    expect(zh).toContain(`PC1 和 PC2 分别保留总方差的 ${(100 * r1).toFixed(1)}% 和 ${(100 * r2).toFixed(1)}%`);
    expect(zh).toContain(`PC3（${(100 * r3).toFixed(1)}%，未画出）`);
    expect(zh).toContain(`剩下的 ${(100 * (1 - r1 - r2 - r3)).toFixed(1)}%`);
  });

  it('separates the categories in the 2-d picture, as the caption says', () => {
    const { own, total } = SUMMARY.separation;
    expect(total).toBe(240);
    expect(own / total).toBeGreaterThan(0.99);
    expect(localized(pcaProjection.caption, 'en')).toContain(
      `${own} of the ${total} points lie nearest their own category's centre`,
    );
    expect(localized(pcaProjection.caption, 'zh')).toContain(`${total} 个点里有 ${own} 个离自己类别的中心最近`);
  });
});
