import { describe, expect, it } from 'vitest';
import {
  NODE2VEC_DEMO_DEFAULTS,
  NODE2VEC_DEMO_LOG_RANGE,
  formatPow2,
  node2vecView,
} from '../../../src/components/mdx/demos/node2vec-view.ts';

/** The probability column of the demo's table, keyed by candidate node. */
function probabilities(tableHtml: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of tableHtml.matchAll(/<tr><th scope="row">(\d+)<\/th>(.*?)<\/tr>/g)) {
    const cells = [...m[2]!.matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]!);
    out.set(Number(m[1]), Number(cells[3]));
  }
  return out;
}

/** The shares of steps back / sideways / outward, read from the summary line. */
function shares(summary: string): { back: number; sideways: number; outward: number } {
  const get = (name: string) => Number(new RegExp(`${name} (\\d\\.\\d\\d)`).exec(summary)![1]);
  return { back: get('back to t'), sideways: get('sideways'), outward: get('outward') };
}

describe('node2vec demo at its defaults', () => {
  it("is DeepWalk's weighted walk (p = q = 1), as the page and the static note say", () => {
    const { logP, logQ, seed } = NODE2VEC_DEMO_DEFAULTS;
    const view = node2vecView(logP, logQ, seed);
    expect(view.error).toBeUndefined();
    expect([view.p, view.q]).toEqual([1, 1]);
    // The walk just went 0 -> 2. Node 2's neighbours: 0, 1, 3 (weight 1) and 4 (weight 2):
    // with alpha = 1 everywhere the step is w / sum w = 0.2, 0.2, 0.2, 0.4.
    const probs = probabilities(view.tableHtml);
    expect([...probs.keys()].sort()).toEqual([0, 1, 3, 4]);
    expect(probs.get(0)).toBe(0.2);
    expect(probs.get(1)).toBe(0.2);
    expect(probs.get(3)).toBe(0.2);
    expect(probs.get(4)).toBe(0.4);
  });

  it('moving q from its default changes the moves as the page says, for seeds 1 to 5', () => {
    // 300 walks of 20 nodes: 5,400 classified steps, so each share has sd under 0.007; the
    // differences asserted below are at least 0.1, over 10 sd.
    for (let seed = 1; seed <= 5; seed++) {
      const base = shares(node2vecView(0, 0, seed).summary);
      const outward = shares(node2vecView(0, -3, seed).summary); // q = 1/8: DFS-like
      const local = shares(node2vecView(0, 3, seed).summary); // q = 8: BFS-like
      const backtrack = shares(node2vecView(-3, 0, seed).summary); // p = 1/8: returns often
      expect(outward.outward).toBeGreaterThan(base.outward + 0.1);
      expect(local.outward).toBeLessThan(base.outward - 0.1);
      expect(local.back + local.sideways).toBeGreaterThan(base.back + base.sideways + 0.1);
      expect(backtrack.back).toBeGreaterThan(base.back + 0.1);
    }
  });
});

describe('node2vec demo input', () => {
  const { min, max } = NODE2VEC_DEMO_LOG_RANGE;

  it('accepts the whole slider range', () => {
    for (const x of [min, -1.5, 0, 1.5, max]) {
      expect(node2vecView(x, x, 1).error).toBeUndefined();
    }
    expect(formatPow2(min)).toBe('1/8');
    expect(formatPow2(max)).toBe('8');
  });

  it('rejects values outside the sliders, non-numbers and bad seeds with a reader-facing message', () => {
    expect(node2vecView(Number.NaN, 0, 1).error).toBe('p must be between 1/8 and 8 (log2 p from -3 to 3)');
    expect(node2vecView(0, 1100, 1).error).toBe('q must be between 1/8 and 8 (log2 q from -3 to 3)');
    expect(node2vecView(0, -1100, 1).error).toBe('q must be between 1/8 and 8 (log2 q from -3 to 3)');
    expect(node2vecView(Infinity, 0, 1).error).toMatch(/^p must be between/);
    expect(node2vecView(0, 0, 0).error).toBe('the seed must be a whole number from 1 to 4294967295');
    expect(node2vecView(0, 0, 2.5).error).toMatch(/seed/);
    expect(node2vecView(0, 0, 2 ** 40).error).toMatch(/seed/);
    // an error leaves nothing half-drawn
    const bad = node2vecView(9, 0, 1);
    expect([bad.tableHtml, bad.graphSvg, bad.summary]).toEqual(['', '', '']);
  });
});
