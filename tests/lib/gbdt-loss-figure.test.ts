import { describe, expect, it } from 'vitest';
import { XOR_BAYES_LOG_LOSS } from '../../content/snippets/ranking/gbdt.ts';
import gbdtLoss, { GBDT_LOSS_RUNS, NEAR_BEST_ROUND } from '../../src/figures/gbdt-loss.ts';

describe('gbdt-loss figure', () => {
  const [stumps, trees] = GBDT_LOSS_RUNS as [(typeof GBDT_LOSS_RUNS)[0], (typeof GBDT_LOSS_RUNS)[0]];
  const caption = gbdtLoss.caption as { en: string; zh: string };

  it('plots held-out curves that never go below the Bayes floor, and a training curve that does', () => {
    // Each curve is a mean over seeds 1-5 of 10,000 held-out points: its noise is about
    // 0.5 / sqrt(50,000) = 0.002, far below the margins checked here.
    for (const run of GBDT_LOSS_RUNS) {
      expect(run.heldOut).toHaveLength(61);
      for (const v of run.heldOut) expect(v).toBeGreaterThan(XOR_BAYES_LOG_LOSS + 0.02);
      // the mean of per-seed training curves that fall every round falls every round
      run.train.forEach((v, m) => m === 0 || expect(v).toBeLessThan(run.train[m - 1]!));
    }
    // overfitting, as the caption says: depth-2 training loss ends below the floor
    expect(trees.train.at(-1)!).toBeLessThan(XOR_BAYES_LOG_LOSS);
    expect(caption.en).toContain('below the floor');
    expect(caption.zh).toContain('跌破了下限');
  });

  it('shows what the page says about depth: stumps near a coin flip, depth-2 trees near 0.45 by round 15', () => {
    expect(Math.min(...stumps.heldOut)).toBeGreaterThan(0.66);
    const best = Math.min(...trees.heldOut);
    expect(best).toBeGreaterThan(0.44);
    expect(best).toBeLessThan(0.46);
    // the caption's "within 0.01 of the minimum by round N, flat to within 0.01 after that"
    expect(NEAR_BEST_ROUND).toBeGreaterThan(2);
    expect(NEAR_BEST_ROUND).toBeLessThanOrEqual(15);
    for (const v of trees.heldOut.slice(NEAR_BEST_ROUND)) expect(v).toBeLessThanOrEqual(best + 0.01);
    expect(caption.en).toContain(`by round ${NEAR_BEST_ROUND}`);
    expect(caption.zh).toContain(`到第 ${NEAR_BEST_ROUND} 轮`);
    // the self-check: about 0.45 within 15 rounds
    expect(trees.heldOut[15]!).toBeCloseTo(0.45, 2);
    // the held-out loss ends above its minimum while training keeps falling
    expect(trees.heldOut.at(-1)!).toBeGreaterThan(best);
  });
});
