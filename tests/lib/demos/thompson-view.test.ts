import { describe, expect, it } from 'vitest';
import {
  BANDIT_DEMO_DEFAULTS,
  banditView,
  parseBanditInput,
  runBandits,
} from '../../../src/components/mdx/demos/thompson-view.ts';

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
    expect(view.tableHtml).toMatch(/Regret after 50,000 steps — Thompson \(Beta\(3, 97\) prior\): [\d.]+; UCB1: /);
    expect(view.tableHtml).toContain('Lowest: Thompson (Beta(3, 97) prior).');
    expect(view.svg.startsWith('<svg')).toBe(true);
    // Posterior counts are printed without float noise: Beta(alpha + clicks, beta + non-clicks).
    expect(view.tableHtml).toMatch(/<td>Beta\(\d+, \d+\)<\/td>/);
  }, 20_000);
});

describe('bandit demo input', () => {
  const withInput = (patch: Partial<typeof BANDIT_DEMO_DEFAULTS>) => banditView({ ...BANDIT_DEMO_DEFAULTS, ...patch });

  it('rejects hex, empty and non-finite entries instead of reading "0x10" as 16', () => {
    expect(withInput({ alpha: '0x10' }).error).toBe('prior α must be a number from 0.1 to 100,000; got "0x10"');
    expect(withInput({ beta: '' }).error).toBe('prior β must be a number from 0.1 to 100,000; got ""');
    expect(withInput({ alpha: 'Infinity' }).error).toMatch(/^prior α must be a number/);
    expect(withInput({ steps: '0b111' }).error).toMatch(/^steps must be a whole number from 100 to 50,000/);
  });

  it('rejects extreme priors, CTRs, steps and seeds with the allowed range', () => {
    expect(withInput({ alpha: '1e-17' }).error).toBe('prior α must be a number from 0.1 to 100,000; got "1e-17"');
    expect(withInput({ ctrs: '1e308, 1e308' }).error).toBe('CTR 1 must be a number from 0 to 1; got "1e308"');
    expect(withInput({ ctrs: '0.5' }).error).toBe('give between 2 and 8 click-through rates');
    expect(withInput({ steps: '5000.5' }).error).toMatch(/^steps must be a whole number/);
    expect(withInput({ steps: '1e6' }).error).toMatch(/^steps must be a whole number from 100 to 50,000/);
    expect(withInput({ seed: '0' }).error).toMatch(/^seed must be a whole number from 1 to 4,294,967,295/);
  });

  it('never echoes a 300-digit entry or an internal error', () => {
    const long = '9'.repeat(300);
    for (const patch of [{ ctrs: `0.1, ${long}` }, { alpha: long }, { seed: long }, { steps: `-${long}` }]) {
      const { error, tableHtml } = withInput(patch);
      expect(error).toBeDefined();
      expect(error!.length).toBeLessThan(90);
      expect(error).not.toMatch(/\d{13}/);
      expect(error).not.toMatch(/sampleBeta|thompson:|RangeError|undefined|NaN/);
      expect(tableHtml).toBe('');
    }
  });

  it('accepts tiny but valid CTRs and the edges of every range', () => {
    const view = withInput({ ctrs: '1e-300, 0, 1', alpha: '0.1', beta: '100000', steps: '100', seed: '4294967295' });
    expect(view.error).toBeUndefined();
    expect(view.tableHtml).toContain('Regret after 100 steps');
  });

  it('names every policy that ties for the lowest regret', () => {
    // Two arms that never click: no policy loses anything.
    expect(withInput({ ctrs: '0, 0', steps: '100' }).tableHtml).toContain(
      'Lowest: Thompson (Beta(3, 97) prior) and UCB1 and ε-greedy (ε = 0.1).',
    );
  });
});
