import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { softmaxT } from '../../content/snippets/training/distillation.ts';

// A teacher's logits over five classes: one clear winner, one plausible runner-up, a tail.
const logits = [5, 3, 1, 0, -1];
const temps = [1, 2, 5] as const;
const colors = [FIG_COLORS[0], FIG_COLORS[1], FIG_COLORS[2]] as const;

/** "0.86, 0.12, 0.02, 0.01 and 0.00" (or "0.86、0.12、0.02、0.01 和 0.00"): the probabilities for the text alternative, computed. */
const listOf = (ps: readonly number[], lang: 'en' | 'zh') => {
  const s = ps.map((p) => p.toFixed(2));
  return lang === 'zh'
    ? `${s.slice(0, -1).join('、')} 和 ${s[s.length - 1]}`
    : `${s.slice(0, -1).join(', ')} and ${s[s.length - 1]}`;
};

/** Axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { cls: 'class', p: 'softened probability' },
  zh: { cls: '类别', p: '软化后的概率' },
};

export default defineFigure({
  caption: {
    en: 'The same teacher logits (5, 3, 1, 0, −1) softened at T = 1, 2 and 5. At T = 1 almost all mass sits on class 1 and the ranking of the other classes is invisible; higher temperatures expose it — the "dark knowledge" the student learns from.',
    zh: '同一组教师 logit（5, 3, 1, 0, −1）分别在 T = 1、2、5 下软化。T = 1 时几乎全部概率都落在类别 1 上，其余类别之间的排序看不出来；温度越高，这一排序越清楚——这就是学生要学的“暗知识”。',
  },
  alt: {
    en: `Three lines of class probabilities over classes 1 to 5. ${temps
      .map((T) => `At T = ${T} the probabilities are about ${listOf(softmaxT(logits, T), 'en')}.`)
      .join(' ')} The order of the classes is the same at every temperature.`,
    zh: `三条折线，分别表示类别 1 到 5 上的概率。${temps
      .map((T) => `T = ${T} 时，各类概率约为 ${listOf(softmaxT(logits, T), 'zh')}。`)
      .join('')}各温度下类别的先后顺序都相同。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows = temps.flatMap((T) => softmaxT(logits, T).map((p, i) => ({ cls: i + 1, p, T: `T = ${T}` })));
    return {
      width: 640,
      height: 300,
      marginLeft: 50,
      x: { label: label.cls, ticks: [1, 2, 3, 4, 5], tickFormat: 'd', grid: true },
      y: { label: label.p, domain: [0, 1], grid: true },
      color: { domain: temps.map((T) => `T = ${T}`), range: [...colors] },
      marks: [
        Plot.ruleY([0]),
        Plot.line(rows, { x: 'cls', y: 'p', stroke: 'T', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'cls', y: 'p', fill: 'T', r: 3 }),
        // Direct labels at class 1, where the three curves are furthest apart.
        ...temps.map((T, k) =>
          Plot.text(
            rows.filter((r) => r.cls === 1 && r.T === `T = ${T}`),
            { x: 'cls', y: 'p', text: 'T', fill: colors[k] ?? 'currentColor', dx: 8, textAnchor: 'start' },
          ),
        ),
      ],
    };
  },
});
