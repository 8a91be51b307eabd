import { describe, expect, it } from 'vitest';
import { areaUnder, auc, rocPoints } from '../../../content/snippets/evaluation/auc.ts';
import {
  AUC_DEMO_ITEMS,
  AUC_FORM_FIELD,
  aucView,
  formatScore,
  type AucItem,
} from '../../../src/components/mdx/demos/auc-view.ts';
import { expectComponentFits, expectRejected, expectSameNumbers, INTERNAL, longestEcho } from './view-checks.ts';

/** The (header, value) pairs of the demo's results table. */
function cells(tableHtml: string): [string, string][] {
  return [...tableHtml.matchAll(/<tr><th scope="row">(.*?)<\/th><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[1]!, m[2]!]);
}

describe('AUC demo: the defaults show the page', () => {
  it('count pairs with a tie counting one half, as the rank formula does', () => {
    // clicks at 0.9, 0.7, 0.55; non-clicks at 0.8, 0.7, 0.4, 0.3, 0.1: 3 x 5 = 15 pairs.
    // 0.9 beats all 5; 0.7 beats 0.4, 0.3, 0.1, ties 0.7 (1/2), loses to 0.8; 0.55 beats 3 -> 11.5
    const view = aucView(AUC_DEMO_ITEMS);
    expect(view.error).toBeUndefined();
    expect(view.html['summary']).toBe(
      'AUC = 0.767: 11.5 of 15 (click, non-click) pairs ordered correctly, ties counting ½.',
    );
    expect(cells(view.html['table']!)).toEqual([
      ['Clicked items', '3'],
      ['Items not clicked', '5'],
      ['(click, non-click) pairs', '15'],
      ['Pairs ordered correctly (a tie counts ½)', '11.5'],
      ['AUC', '0.767'],
    ]);
    const labels = AUC_DEMO_ITEMS.map((i) => i.label);
    const scores = AUC_DEMO_ITEMS.map((i) => Number(i.score));
    expect(auc(labels, scores)).toBeCloseTo(11.5 / 15, 12);
    // the ROC curve drawn has the same area (the tie is the diagonal step)
    expect(areaUnder(rocPoints(labels, scores))).toBeCloseTo(11.5 / 15, 12);
    // the defaults contain a tied click / non-click pair, so the half-credit is on screen
    const tied = AUC_DEMO_ITEMS.some(
      (a) => a.label === 1 && AUC_DEMO_ITEMS.some((b) => b.label === 0 && b.score === a.score),
    );
    expect(tied).toBe(true);
    expect(view.html['chart']).toContain('ROC, AUC = 0.767');
  });

  it('depends only on the order of the scores, as the page says', () => {
    const squashed = AUC_DEMO_ITEMS.map((i) => ({ ...i, score: Number(i.score) ** 3 }));
    expect(aucView(squashed).html['summary']).toBe(aucView(AUC_DEMO_ITEMS).html['summary']);
  });

  it('reads the sliders as the form holds them (text)', () => {
    const typed = AUC_DEMO_ITEMS.map((i) => ({ ...i, score: String(i.score) }));
    expect(aucView(typed)).toEqual(aucView(AUC_DEMO_ITEMS));
    expect(formatScore('0.9', 'en')).toBe('0.90');
    expect(formatScore('1', 'zh')).toBe('1.00');
  });
});

describe('AUC demo: invalid input gets a message for the reader, naming the input', () => {
  const withItem = (i: number, item: Partial<AucItem>) =>
    AUC_DEMO_ITEMS.map((it, j) => (j === i ? ({ ...it, ...item } as AucItem) : it));

  it('names the item with a score outside [0, 1] or not a number', () => {
    for (const score of [Number.NaN, -0.1, 1.5, 1e308, Infinity, '0x10', '', '1e', '-0.1']) {
      const view = aucView(withItem(2, { score }));
      expectRejected(view, 'score-2', /^Item 3 needs a score between 0 and 1 \(got "/);
      expect(view.error!.message).not.toMatch(/auc:|RangeError|must be finite/);
    }
  });

  it('names an item whose label is not clicked / not clicked', () => {
    expectRejected(aucView(withItem(0, { label: 2 as never })), 'label-0', 'Item 1 must be clicked or not clicked.');
  });

  it('explains when AUC is undefined, for the whole form (no single input to blame)', () => {
    const allClicked = AUC_DEMO_ITEMS.map((i) => ({ ...i, label: 1 as const }));
    const message = 'AUC is undefined: mark at least one item clicked and one not clicked.';
    expectRejected(aucView(allClicked), AUC_FORM_FIELD, message);
    expectRejected(aucView([]), AUC_FORM_FIELD, message);
    // the demo-client shows a message whose field is no input on the demo's alert line
    expect(AUC_DEMO_ITEMS.flatMap((_, i) => [`label-${i}`, `score-${i}`])).not.toContain(AUC_FORM_FIELD);
  });

  it('quotes at most 24 characters of an entry, never an internal error', () => {
    const long = '9'.repeat(300);
    const view = aucView(withItem(5, { score: long }));
    expect(view.error?.field).toBe('score-5');
    expect(longestEcho(view.error!.message, long)).toBeLessThanOrEqual(24);
    expect(view.error!.message).not.toMatch(INTERNAL);
  });
});

describe('AUC demo component', () => {
  it('has a place for every output and loads its script through assetUrl', () => {
    // its inputs are named per item (aucFieldNames), as the view names them in its errors
    expectComponentFits('AucDemo', 'auc', aucView(AUC_DEMO_ITEMS), []);
  });
});

describe('AUC demo in Chinese', () => {
  it('shows the same numbers as in English, in Chinese', () => {
    const en = aucView(AUC_DEMO_ITEMS, 'en');
    const zh = aucView(AUC_DEMO_ITEMS, 'zh');
    expectSameNumbers(en, zh);
    expect(zh.html['summary']).toBe(
      'AUC = 0.767：15 个（点击，未点击）样本对中有 11.5 个排序正确，得分相同的对各计 ½。',
    );
    expect(zh.html['chart']).toContain('假正例率');
  });

  it('says what is wrong in Chinese, naming the same input', () => {
    expectRejected(
      aucView(
        AUC_DEMO_ITEMS.map((it, j) => (j === 1 ? { ...it, score: '1.5' } : it)),
        'zh',
      ),
      'score-1',
      '物品 2 的得分须在 0 到 1 之间（当前为 "1.5"）。',
    );
    expectRejected(
      aucView(
        AUC_DEMO_ITEMS.map((i) => ({ ...i, label: 0 as const })),
        'zh',
      ),
      AUC_FORM_FIELD,
      'AUC 没有定义：请至少标记一个已点击和一个未点击的物品。',
    );
  });
});
