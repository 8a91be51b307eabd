import { describe, expect, it } from 'vitest';
import {
  BANDIT_DEMO_DEFAULTS,
  banditView,
  parseBanditInput,
  policyNames,
  runBandits,
  type BanditDemoInput,
} from '../../../src/components/mdx/demos/thompson-view.ts';
import { InputError } from '../../../src/components/mdx/demos/demo-input.ts';
import { expectComponentFits, expectRejected, expectSameNumbers, longestEcho } from './view-checks.ts';

describe('bandit demo at its defaults', () => {
  it('starts from the page setting: CTRs 2%, 3%, 5%, the Beta(3, 97) prior the page recommends, 50,000 steps', () => {
    const s = parseBanditInput(BANDIT_DEMO_DEFAULTS);
    expect(s).toEqual({ ctrs: [0.02, 0.03, 0.05], alpha: 3, beta: 97, steps: 50_000, seed: 1 });
  });

  it('shows what the page says: Thompson sampling ends with the lowest regret, for seeds 1 to 50', () => {
    // Every seed, and by a margin: Thompson's regret is at most 0.69 of the better other policy's
    // here (0.83 over seeds 1-200). The same runs, read at 5,000 and 20,000 steps (a shorter run
    // with the same seed is the start of this one), show why the default is long: epsilon-greedy
    // (epsilon = 0.1) is still ahead for 22 of the 50 seeds at 5,000 steps and for 3 at 20,000,
    // because its exploration cost, 0.1/3 * (0.03 + 0.02) = 0.0017 per step, has not yet added up.
    const base = parseBanditInput(BANDIT_DEMO_DEFAULTS);
    let epsAhead5k = 0;
    let epsAhead20k = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const [ts, ucb, eps] = runBandits({ ...base, seed }).runs.map((r) => r.cumulativeRegret) as [
        number[],
        number[],
        number[],
      ];
      expect(ts.at(-1)!).toBeLessThan(0.85 * Math.min(ucb.at(-1)!, eps.at(-1)!));
      if (eps[4999]! < ts[4999]!) epsAhead5k++;
      if (eps[19_999]! < ts[19_999]!) epsAhead20k++;
    }
    expect([epsAhead5k, epsAhead20k]).toEqual([22, 3]);
  }, 300_000);

  it('renders the table and says which policy lost least', () => {
    const view = banditView(BANDIT_DEMO_DEFAULTS);
    expect(view.error).toBeUndefined();
    expect(view.html['summary']).toMatch(
      /^Regret after 50,000 steps — Thompson \(Beta\(3, 97\) prior\): [\d.]+; UCB1: [\d.]+; ε-greedy \(ε = 0\.1\): [\d.]+\./,
    );
    expect(view.html['summary']).toContain('Lowest: Thompson (Beta(3, 97) prior).');
    expect(view.html['chart']).toContain('<svg');
    // Posterior counts are printed without float noise: Beta(alpha + clicks, beta + non-clicks).
    expect(view.html['table']).toMatch(/<td>Beta\(\d+, \d+\)<\/td>/);
  }, 20_000);

  it("names the policies as the snippets do (the page's code and the demo agree)", () => {
    const s = parseBanditInput({ ...BANDIT_DEMO_DEFAULTS, alpha: '0.5', beta: '2' });
    expect(policyNames(s, 'en')).toEqual(runBandits({ ...s, steps: 100 }).runs.map((r) => r.policy.name));
  });
});

describe('bandit demo input', () => {
  const withInput = (patch: Partial<BanditDemoInput>) => banditView({ ...BANDIT_DEMO_DEFAULTS, ...patch });

  it('rejects hex, empty and non-finite entries instead of reading "0x10" as 16', () => {
    expectRejected(withInput({ alpha: '0x10' }), 'alpha', 'Prior α must be a number from 0.1 to 100,000; got "0x10".');
    expectRejected(withInput({ beta: '' }), 'beta', 'Prior β must be a number from 0.1 to 100,000; got "".');
    expectRejected(withInput({ alpha: 'Infinity' }), 'alpha', /^Prior α must be a number/);
    expectRejected(withInput({ steps: '0b111' }), 'steps', /^Steps must be a whole number from 100 to 50,000/);
  });

  it('rejects extreme priors, CTRs, steps and seeds with the allowed range, naming the input', () => {
    expectRejected(
      withInput({ alpha: '1e-17' }),
      'alpha',
      'Prior α must be a number from 0.1 to 100,000; got "1e-17".',
    );
    expectRejected(withInput({ ctrs: '1e308, 1e308' }), 'ctrs', 'CTR 1 must be a number from 0 to 1; got "1e308".');
    expectRejected(withInput({ ctrs: '0.1, -0.2' }), 'ctrs', 'CTR 2 must be a number from 0 to 1; got "-0.2".');
    expectRejected(withInput({ ctrs: '0.5' }), 'ctrs', 'Give between 2 and 8 click-through rates.');
    expectRejected(withInput({ ctrs: Array(9).fill('0.1').join(', ') }), 'ctrs', /^Give between 2 and 8/);
    expectRejected(withInput({ steps: '5000.5' }), 'steps', /^Steps must be a whole number/);
    expectRejected(withInput({ steps: '1e6' }), 'steps', /^Steps must be a whole number from 100 to 50,000/);
    expectRejected(withInput({ seed: '0' }), 'seed', /^The seed must be a whole number from 1 to 4,294,967,295/);
    expect(() => parseBanditInput({ ...BANDIT_DEMO_DEFAULTS, seed: '-1' })).toThrow(InputError);
  });

  it('never echoes a 300-digit entry or an internal error', () => {
    const long = '9'.repeat(300);
    for (const [patch, field] of [
      [{ ctrs: `0.1, ${long}` }, 'ctrs'],
      [{ alpha: long }, 'alpha'],
      [{ beta: long }, 'beta'],
      [{ seed: long }, 'seed'],
      [{ steps: `-${long}` }, 'steps'],
    ] as const) {
      const view = withInput(patch);
      expect(view.error?.field).toBe(field);
      const message = view.error!.message;
      expect(message.length).toBeLessThan(90);
      expect(message).not.toMatch(/\d{13}/);
      expect(longestEcho(message, long)).toBeLessThanOrEqual(24);
      expect(message).not.toMatch(/sampleBeta|thompson:|RangeError|undefined|NaN/);
      expect(view.html).toEqual({});
    }
  });

  it('accepts tiny but valid CTRs, a full-width comma and the edges of every range', () => {
    const view = withInput({ ctrs: '1e-300，0, 1', alpha: '0.1', beta: '100000', steps: '100', seed: '4294967295' });
    expect(view.error).toBeUndefined();
    expect(view.html['summary']).toContain('Regret after 100 steps');
  });

  it('names every policy that ties for the lowest regret', () => {
    // Two arms that never click: no policy loses anything.
    expect(withInput({ ctrs: '0, 0', steps: '100' }).html['summary']).toContain(
      'Lowest: Thompson (Beta(3, 97) prior) and UCB1 and ε-greedy (ε = 0.1).',
    );
  });
});

describe('bandit demo component', () => {
  it('has a place for every output, an input for every field, and loads its script through assetUrl', () => {
    const view = banditView({ ...BANDIT_DEMO_DEFAULTS, steps: '100' });
    expectComponentFits('ThompsonDemo', 'thompson', view, ['ctrs', 'alpha', 'beta', 'steps', 'seed']);
  });
});

describe('bandit demo in Chinese', () => {
  const short = { ...BANDIT_DEMO_DEFAULTS, steps: '2000' };

  it('shows the same numbers as in English, in Chinese', () => {
    expectSameNumbers(banditView(short, 'en'), banditView(short, 'zh'));
    const zh = banditView(short, 'zh');
    expect(zh.html['summary']).toMatch(/^2,000 步后的累积遗憾——汤普森采样（Beta\(3, 97\) 先验）：[\d.]+；UCB1：/);
    expect(zh.html['table']).toContain('后验均值');
    expect(banditView({ ...short, ctrs: '0, 0', steps: '100' }, 'zh').html['summary']).toContain(
      '最低：汤普森采样（Beta(3, 97) 先验）、UCB1、ε-贪心（ε = 0.1）。',
    );
  });

  it('says what is wrong in Chinese, naming the same input', () => {
    expectRejected(
      banditView({ ...short, ctrs: '0.1, 2' }, 'zh'),
      'ctrs',
      '第 2 个点击率须为 0 到 1 之间的数，当前为 "2"。',
    );
    expectRejected(
      banditView({ ...short, seed: '0' }, 'zh'),
      'seed',
      '随机种子须为 1 到 4,294,967,295 之间的整数，当前为 "0"。',
    );
  });
});
