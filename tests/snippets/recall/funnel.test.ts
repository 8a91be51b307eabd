import { describe, expect, it } from 'vitest';
import {
  FUNNEL,
  mergeByScore,
  mergeWithQuotas,
  shrinkFactors,
  type RecallChannel,
} from '../../../content/snippets/recall/funnel.ts';

describe('funnel stages', () => {
  it('go from the corpus to the screen, shrinking strictly at every stage', () => {
    expect(FUNNEL.map((s) => s.stage)).toEqual(['Corpus', 'Recall', 'Pre-ranking', 'Ranking', 'Re-ranking']);
    for (let s = 1; s < FUNNEL.length; s++) expect(FUNNEL[s]!.candidates).toBeLessThan(FUNNEL[s - 1]!.candidates);
    for (const f of shrinkFactors(FUNNEL)) expect(f).toBeGreaterThan(1);
  });

  it('recall cuts by orders of magnitude more than any later stage', () => {
    // 10^7 / 10^4 = 1000, then 10 per stage
    expect(shrinkFactors(FUNNEL)).toEqual([1000, 10, 10, 10]);
    expect(FUNNEL[FUNNEL.length - 1]!.candidates).toBeGreaterThanOrEqual(1);
  });
});

describe('multi-channel merge', () => {
  // A popular-item channel with high, confident scores and a fresh-item channel whose model
  // (or scale) gives lower numbers. Scores from different channels are not comparable.
  const hot: RecallChannel = {
    name: 'item-cf',
    quota: 4,
    items: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((id, i) => ({ id, score: 0.9 - 0.01 * i })),
  };
  const fresh: RecallChannel = {
    name: 'fresh',
    quota: 2,
    items: ['f1', 'h1', 'f2', 'f3'].map((id, i) => ({ id, score: 0.3 - 0.01 * i })),
  };

  it('a hard quota guarantees every channel its share', () => {
    const merged = mergeWithQuotas([hot, fresh]);
    // item-cf takes h1..h4; fresh skips h1 (already taken) and adds f1, f2
    expect(merged.map((m) => m.id)).toEqual(['h1', 'h2', 'h3', 'h4', 'f1', 'f2']);
    expect(merged.filter((m) => m.channel === 'fresh')).toHaveLength(2);
    expect(new Set(merged.map((m) => m.id)).size).toBe(merged.length);
  });

  it('a global score cut-off lets the head channel crowd the other out', () => {
    const merged = mergeByScore([hot, fresh], 6);
    expect(merged.map((m) => m.id)).toEqual(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
    expect(merged.some((m) => m.channel === 'fresh')).toBe(false);
  });

  it('a channel short of items contributes what it has', () => {
    const tiny: RecallChannel = { name: 'tiny', quota: 5, items: [{ id: 'x', score: 1 }] };
    expect(mergeWithQuotas([tiny])).toEqual([{ id: 'x', channel: 'tiny' }]);
    expect(() => mergeWithQuotas([{ ...tiny, quota: -1 }])).toThrow(/quota of channel "tiny"/);
  });

  it('merging by score orders extreme scores correctly and rejects NaN', () => {
    const extreme: RecallChannel = {
      name: 'x',
      quota: 4,
      items: [
        { id: 'a', score: -1e308 },
        { id: 'b', score: Infinity },
        { id: 'c', score: 1e308 },
        { id: 'd', score: -Infinity },
        { id: 'e', score: Infinity },
      ],
    };
    // 1e308 - (-1e308) overflows and Infinity - Infinity is NaN in a subtraction comparator; the
    // order must still be Infinity (b, e, stable), 1e308, -1e308, -Infinity
    expect(mergeByScore([extreme], 5).map((m) => m.id)).toEqual(['b', 'e', 'c', 'a', 'd']);
    const bad: RecallChannel = { name: 'bad', quota: 1, items: [{ id: 'n', score: Number.NaN }] };
    expect(() => mergeByScore([bad], 1)).toThrow(/item "n" of channel "bad" has a NaN score/);
  });
});
