/**
 * The simulated numbers of the contextual-bandits page, recomputed with the page's own code: the
 * regret table (6 articles, 4 topics, environment seed 1000 + s, run seed s for s = 1..20, mean ±
 * standard error), the new-user table (LinUCB with alpha = 0.5 after 20,000 steps on seed 1) and
 * the replay numbers. About 30 s of CPU in all.
 */
import { describe, expect, it } from 'vitest';
import {
  ctrs,
  interceptOnly,
  linUcb,
  linearThompson,
  logUniform,
  randomCtrEnvironment,
  replay,
  simulateContextual,
  uniformPolicy,
  type ContextualPolicy,
} from '../../../content/snippets/bandits/linucb.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const SEEDS = 20;
const HORIZONS = [1000, 5000, 20_000];

function cell(xs: readonly number[]): string {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  return `${mean.toFixed(1)} ± ${(sd / Math.sqrt(xs.length)).toFixed(1)}`;
}

function row(make: () => ContextualPolicy): string[] {
  const at = HORIZONS.map(() => [] as number[]);
  for (let seed = 1; seed <= SEEDS; seed++) {
    const env = randomCtrEnvironment(mulberry32(1000 + seed), 6, 4);
    const r = simulateContextual(env, make(), HORIZONS.at(-1)!, mulberry32(seed)).cumulativeRegret;
    HORIZONS.forEach((t, k) => at[k]!.push(r[t - 1]!));
  }
  return at.map(cell);
}

describe('contextual-bandits page: regret table', () => {
  it('LinUCB for several alphas, linear Thompson sampling, context-free UCB and random', () => {
    expect(row(() => linUcb(6, 5, 0))).toEqual(['40.1 ± 2.7', '183.4 ± 13.5', '706.0 ± 55.8']);
    expect(row(() => linUcb(6, 5, 0.25))).toEqual(['25.9 ± 1.8', '66.2 ± 6.2', '127.0 ± 17.0']);
    expect(row(() => linUcb(6, 5, 0.5))).toEqual(['28.9 ± 1.6', '66.6 ± 3.7', '109.7 ± 8.6']);
    expect(row(() => linUcb(6, 5, 1))).toEqual(['35.4 ± 1.2', '91.6 ± 2.9', '158.4 ± 6.2']);
    expect(row(() => linUcb(6, 5, 2.358))).toEqual(['45.7 ± 1.1', '164.1 ± 2.9', '377.8 ± 7.5']);
    expect(row(() => linearThompson(6, 5, 0.1))).toEqual(['28.6 ± 1.5', '70.6 ± 6.4', '128.2 ± 19.7']);
    expect(row(() => linearThompson(6, 5, 0.25))).toEqual(['35.3 ± 1.3', '89.2 ± 3.4', '159.8 ± 8.0']);
    expect(row(() => interceptOnly(linUcb(6, 1, 0.5)))).toEqual(['55.3 ± 1.6', '259.8 ± 8.9', '992.3 ± 35.6']);
    expect(row(() => uniformPolicy(6))).toEqual(['58.8 ± 1.2', '294.2 ± 5.7', '1176.5 ± 23.0']);
  }, 600_000);
});

describe('contextual-bandits page: a new user', () => {
  it('scores every article for a user never seen before, from the features alone', () => {
    const env = randomCtrEnvironment(mulberry32(1001), 6, 4);
    const policy = linUcb(6, 5, 0.5);
    simulateContextual(env, policy, 20_000, mulberry32(1));
    const user = [1, 0.05, 0.05, 0.85, 0.05]; // leans towards topic 3
    const est = policy.estimates(new Array<number[]>(6).fill(user));
    const f = (v: number) => v.toFixed(3);
    expect(ctrs(env, user).map(f)).toEqual(['0.026', '0.051', '0.142', '0.048', '0.041', '0.030']);
    expect(est.map((e) => f(e.mean))).toEqual(['0.024', '0.052', '0.157', '0.070', '0.043', '0.010']);
    expect(est.map((e) => f(e.width))).toEqual(['0.083', '0.056', '0.025', '0.052', '0.098', '0.182']);
    expect(est.map((e) => f(e.mean + 0.5 * e.width))).toEqual(['0.065', '0.080', '0.169', '0.096', '0.092', '0.101']);
    // a user devoted to topic 1: two articles share that topic and their intervals still overlap
    const fan = [1, 0.85, 0.05, 0.05, 0.05];
    const e2 = policy.estimates(new Array<number[]>(6).fill(fan));
    expect([0, 4].map((a) => f(ctrs(env, fan)[a]!))).toEqual(['0.122', '0.156']);
    expect([0, 4].map((a) => `${f(e2[a]!.mean)} ± ${f(e2[a]!.width)}`)).toEqual(['0.128 ± 0.025', '0.101 ± 0.069']);
    // a linear model of a probability can go negative: article 3 for this user
    expect(f(e2[2]!.mean)).toBe('-0.043');
  }, 60_000);
});

describe('contextual-bandits page: replay', () => {
  it('keeps about one event in six and agrees with the live CTR', () => {
    const T = 2000;
    const live: number[] = [];
    const replayed: number[] = [];
    const used: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const env = randomCtrEnvironment(mulberry32(1000 + seed), 6, 4);
      live.push(simulateContextual(env, linUcb(6, 5, 0.5), T, mulberry32(seed)).clicks / T);
      const r = replay(logUniform(env, 6 * T + 3000, mulberry32(500 + seed)), linUcb(6, 5, 0.5), mulberry32(seed), T);
      replayed.push(r.ctr);
      used.push(r.examined);
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(live).toFixed(4)).toBe('0.1037');
    expect(mean(replayed).toFixed(4)).toBe('0.1028');
    // about K = 6 logged events per kept one
    expect(Math.round(mean(used))).toBe(12_015);
    expect((mean(used) / T).toFixed(2)).toBe('6.01');
  }, 120_000);
});
