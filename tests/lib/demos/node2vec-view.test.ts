import { describe, expect, it } from 'vitest';
import {
  NODE2VEC_DEMO_DEFAULTS,
  NODE2VEC_DEMO_LOG_RANGE,
  formatPow2,
  node2vecSliderText,
  node2vecView,
} from '../../../src/components/mdx/demos/node2vec-view.ts';
import { expectComponentFits, expectRejected, expectSameNumbers, INTERNAL, longestEcho } from './view-checks.ts';

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

const summaryOf = (logP: number, logQ: number, seed: number) => node2vecView(logP, logQ, seed).html['summary']!;

describe('node2vec demo at its defaults', () => {
  it("is DeepWalk's weighted walk (p = q = 1), as the page says", () => {
    const { logP, logQ, seed } = NODE2VEC_DEMO_DEFAULTS;
    const view = node2vecView(logP, logQ, seed);
    expect(view.error).toBeUndefined();
    expect([view.p, view.q]).toEqual([1, 1]);
    // The walk just went 0 -> 2. Node 2's neighbours: 0, 1, 3 (weight 1) and 4 (weight 2):
    // with alpha = 1 everywhere the step is w / sum w = 0.2, 0.2, 0.2, 0.4.
    const probs = probabilities(view.html['table']!);
    expect([...probs.keys()].sort()).toEqual([0, 1, 3, 4]);
    expect(probs.get(0)).toBe(0.2);
    expect(probs.get(1)).toBe(0.2);
    expect(probs.get(3)).toBe(0.2);
    expect(probs.get(4)).toBe(0.4);
    expect(view.html['table']).toContain('<caption>Next step after 0 → 2, p = 1, q = 1</caption>');
    // the form's text gives the same view as the numbers
    expect(node2vecView(String(logP), String(logQ), String(seed))).toEqual(view);
  });

  it('moving q from its default changes the moves as the page says, for seeds 1 to 5', () => {
    // 300 walks of 20 nodes: 5,400 classified steps, so each share has sd under 0.007; the
    // differences asserted below are at least 0.1, over 10 sd.
    for (let seed = 1; seed <= 5; seed++) {
      const base = shares(summaryOf(0, 0, seed));
      const outward = shares(summaryOf(0, -3, seed)); // q = 1/8: DFS-like
      const local = shares(summaryOf(0, 3, seed)); // q = 8: BFS-like
      const backtrack = shares(summaryOf(-3, 0, seed)); // p = 1/8: returns often
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
      expect(node2vecView(String(x), String(x), '1').error).toBeUndefined();
    }
    expect(formatPow2(min)).toBe('1/8');
    expect(formatPow2(max)).toBe('8');
  });

  it('rejects values outside the sliders, non-numbers and bad seeds, naming the input', () => {
    const pMessage = 'p must be between 1/8 and 8 (log2 p from -3 to 3).';
    const qMessage = 'q must be between 1/8 and 8 (log2 q from -3 to 3).';
    expectRejected(node2vecView(Number.NaN, 0, 1), 'logp', pMessage);
    expectRejected(node2vecView(Infinity, 0, 1), 'logp', pMessage);
    expectRejected(node2vecView('0x1', 0, 1), 'logp', pMessage);
    expectRejected(node2vecView('', 0, 1), 'logp', pMessage);
    expectRejected(node2vecView(0, 1100, 1), 'logq', qMessage);
    expectRejected(node2vecView(0, -1100, 1), 'logq', qMessage);
    expectRejected(node2vecView(0, '3.5', 1), 'logq', qMessage);
    const seedMessage = 'The seed must be a whole number from 1 to 4294967295.';
    for (const seed of [0, 2.5, 2 ** 40, '0', '2.5', '', '0x10', '1e3', '4294967296'])
      expectRejected(node2vecView(0, 0, seed), 'seed', seedMessage);
    // an error leaves nothing half-drawn, and says nothing about p and q
    const bad = node2vecView(9, 0, 1);
    expect(bad.html).toEqual({});
    expect([bad.p, bad.q]).toEqual([Number.NaN, Number.NaN]);
  });

  it('never echoes a long entry or an internal error', () => {
    const long = '9'.repeat(300);
    for (const [args, field] of [
      [[long, 0, 1], 'logp'],
      [[0, long, 1], 'logq'],
      [[0, 0, long], 'seed'],
    ] as const) {
      const view = node2vecView(args[0], args[1], args[2]);
      expect(view.error?.field).toBe(field);
      expect(longestEcho(view.error!.message, long)).toBeLessThanOrEqual(24);
      expect(view.error!.message).not.toMatch(INTERNAL);
    }
  });

  it('gives each log-scale slider a spoken value: the parameter, not its log', () => {
    expect(node2vecSliderText('p', '0', 'en')).toEqual({ output: '1', valueText: 'p = 1' });
    expect(node2vecSliderText('q', '-1.5', 'en')).toEqual({ output: '1/2.8', valueText: 'q = 0.354' });
    expect(node2vecSliderText('q', 3, 'zh')).toEqual({ output: '8', valueText: 'q = 8' });
    expect(node2vecSliderText('p', 'x', 'en')).toEqual({ output: '', valueText: '' });
  });
});

describe('node2vec demo component', () => {
  it('has a place for every output, an input for every field, and loads its script through assetUrl', () => {
    expectComponentFits('Node2vecDemo', 'node2vec', node2vecView(0, 0, 1), ['logp', 'logq', 'seed']);
  });
});

describe('node2vec demo in Chinese', () => {
  it('shows the same numbers as in English, in Chinese', () => {
    for (const [p, q] of [
      [0, 0],
      [-1.5, 2],
    ])
      expectSameNumbers(node2vecView(p!, q!, 3, 'en'), node2vecView(p!, q!, 3, 'zh'));
    const zh = node2vecView(0, 0, 1, 'zh');
    expect(zh.html['summary']).toMatch(/^p = 1，q = 1：回到 t 0\.\d\d，横向 0\.\d\d，向外 0\.\d\d；/);
    expect(zh.html['graph']).toContain('下一步的概率');
  });

  it('says what is wrong in Chinese, naming the same input', () => {
    expectRejected(node2vecView(0, 4, 1, 'zh'), 'logq', 'q 须在 1/8 到 8 之间（log2 q 取 -3 到 3）。');
    expectRejected(node2vecView(0, 0, 0, 'zh'), 'seed', '随机种子须为 1 到 4294967295 之间的整数。');
  });
});
