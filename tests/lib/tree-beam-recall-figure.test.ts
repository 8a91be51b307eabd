import { describe, expect, it } from 'vitest';
import figure, { beamRecallExperiment, SUMMARY } from '../../src/figures/tree-beam-recall.ts';
import { localized } from '../../src/lib/figure.ts';

const at = (rule: string, beam: number) => SUMMARY.rows.find((r) => r.rule === rule && r.beam === beam)!;

describe('tree-beam-recall figure', () => {
  it('pins the numbers the page quotes', () => {
    expect(SUMMARY.users).toBe(200);
    expect(at('max', 10).calls).toBeCloseTo(151, 9);
    expect(at('max', 80).calls).toBeCloseTo(735, 9);
    expect(at('mean', 10).recall.toFixed(1)).toBe('0.6');
    expect(at('noisy', 10).recall.toFixed(1)).toBe('0.5');
    expect(at('mean', 80).recall).toBeGreaterThan(0.95);
    expect(at('noisy', 80).recall).toBeGreaterThan(0.9);
    expect(at('mean', 160).recall.toFixed(2)).toBe('1.00');
    expect(at('noisy', 160).recall).toBeGreaterThan(0.95);
    const caption = localized(figure.caption, 'en');
    expect(caption).toContain('after 151 node scores instead of 1,024');
    expect(caption).toContain('recovers only about 0.6 of the top 10');
  });

  it('the quoted digits and bounds hold for other sets of 200 users', () => {
    for (const base of [20_000, 40_000, 60_000]) {
      const rows = beamRecallExperiment(SUMMARY.users, base);
      const get = (rule: string, beam: number) => rows.find((r) => r.rule === rule && r.beam === beam)!.recall;
      expect(get('mean', 10).toFixed(1)).toBe('0.6');
      expect(get('noisy', 10).toFixed(1)).toBe('0.5');
      expect(get('mean', 80)).toBeGreaterThan(0.95);
      expect(get('noisy', 80)).toBeGreaterThan(0.9);
      expect(get('mean', 160).toFixed(2)).toBe('1.00');
      expect(get('noisy', 160)).toBeGreaterThan(0.95);
    }
  });

  it('max-heap scores are exact at every width; the others need a wider beam, for small user sets too', () => {
    for (const base of [2000, 3000, 4000, 5000, 6000]) {
      const rows = beamRecallExperiment(20, base);
      const get = (rule: string, beam: number) => rows.find((r) => r.rule === rule && r.beam === beam)!.recall;
      for (const beam of [10, 20, 40, 80, 160]) expect(get('max', beam)).toBeCloseTo(1, 12);
      for (const rule of ['mean', 'noisy']) {
        expect(get(rule, 10)).toBeGreaterThan(0.35);
        expect(get(rule, 10)).toBeLessThan(0.8);
        expect(get(rule, 80)).toBeGreaterThan(0.9);
        expect(get(rule, 160)).toBeGreaterThanOrEqual(get(rule, 10));
      }
    }
  });
});
