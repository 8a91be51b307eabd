import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { focalLoss } from '../../content/snippets/training/imbalance.ts';

const GAMMAS = [0, 0.5, 1, 2, 5] as const;

/** The share of its cross-entropy that focal loss at γ = 2 keeps at p_t, as a percentage (computed). */
const pct = (pt: number) => `${Math.round((100 * focalLoss(pt, 1, 1, 2)) / focalLoss(pt, 1, 1, 0))}%`;

/** Axis labels in each language; the numbers are the same in both. */
const LABELS = {
  en: { pt: 'probability of the true class p_t', loss: 'loss' },
  zh: { pt: '真实类别的概率 p_t', loss: '损失' },
};

export default defineFigure({
  caption: {
    en: `Focal loss against the probability of the true class p_t for several γ (α = 1, so γ = 0 is plain cross-entropy). At γ = 2 an example keeps the fraction (1 − p_t)² of its cross-entropy: ${pct(0.6)} at p_t = 0.6, ${pct(0.9)} at 0.9, so easy examples add little to the loss and its gradient.`,
    zh: `不同 γ 下焦点损失随真实类别概率 p_t 的变化（α = 1，因此 γ = 0 就是普通交叉熵）。γ = 2 时，一个样本只保留其交叉熵的 (1 − p_t)²：p_t = 0.6 时为 ${pct(0.6)}，0.9 时为 ${pct(0.9)}，所以简单样本对损失及其梯度的贡献很小。`,
  },
  alt: {
    en: `Five decreasing curves from p_t = 0.01 to 1. All are large at small p_t (cross-entropy is ${focalLoss(0.01, 1, 1, 0).toFixed(1)} at 0.01). At p_t = 0.6 cross-entropy is ${focalLoss(0.6, 1, 1, 0).toFixed(2)}, γ = 1 gives ${focalLoss(0.6, 1, 1, 1).toFixed(2)}, γ = 2 gives ${focalLoss(0.6, 1, 1, 2).toFixed(2)} and γ = 5 gives ${focalLoss(0.6, 1, 1, 5).toFixed(3)}; every curve reaches 0 at p_t = 1, the higher γ the sooner it flattens.`,
    zh: `p_t 从 0.01 到 1 上的五条递减曲线。p_t 较小时它们都很大（p_t = 0.01 处交叉熵为 ${focalLoss(0.01, 1, 1, 0).toFixed(1)}）。在 p_t = 0.6 处，交叉熵为 ${focalLoss(0.6, 1, 1, 0).toFixed(2)}，γ = 1 为 ${focalLoss(0.6, 1, 1, 1).toFixed(2)}，γ = 2 为 ${focalLoss(0.6, 1, 1, 2).toFixed(2)}，γ = 5 为 ${focalLoss(0.6, 1, 1, 5).toFixed(3)}；每条曲线都在 p_t = 1 处降到 0，γ 越大，曲线越早变平。`,
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const rows: { pt: number; loss: number; gamma: string }[] = [];
    for (const gamma of GAMMAS) {
      for (let i = 1; i <= 100; i++) {
        const pt = i / 100;
        rows.push({ pt, loss: focalLoss(pt, 1, 1, gamma), gamma: `γ = ${gamma}` });
      }
    }
    // A key drawn as text in the empty upper right (the figure renders to a single SVG, no legend).
    const labels = GAMMAS.map((gamma, i) => ({ pt: 0.8, loss: 2.7 - 0.3 * i, gamma: `γ = ${gamma}` }));
    return {
      width: 640,
      height: 320,
      x: { label: label.pt, grid: true, domain: [0, 1] },
      y: { label: label.loss, grid: true, domain: [0, 3] },
      color: { domain: GAMMAS.map((g) => `γ = ${g}`), range: [...FIG_COLORS] },
      marks: [
        Plot.ruleY([0]),
        Plot.line(rows, { x: 'pt', y: 'loss', stroke: 'gamma', strokeWidth: 2, clip: true }),
        Plot.text(labels, { x: 'pt', y: 'loss', text: 'gamma', fill: 'gamma', textAnchor: 'start', fontSize: 12 }),
      ],
    };
  },
});
