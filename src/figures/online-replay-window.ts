import * as Plot from '@observablehq/plot';
import { FIG_COLORS, defineFigure } from '../lib/figure.ts';
import { replayWindow, selectReplay } from '../../content/snippets/training/online-learning.ts';

// Yesterday (day 1) and today (day 2) on the hour clock, one sample every quarter hour,
// and the trainer waking up at 09:30 today.
const now = 24 + 9.5;
const step = 0.25;
const categories = [
  'not used',
  'replayed from yesterday',
  'already streamed today',
  'fresh (current hour)',
  'not yet logged',
] as const;

/** Axis label and text marks in each language; the timeline is the same in both. */
const LABELS = {
  en: {
    hour: 'hour (yesterday 0–24, today 24–48)',
    replayed: 'replayed (yesterday)',
    streamed: 'streamed earlier today',
    fresh: 'fresh',
    unused: 'not used',
    now: 'now, 09:30',
  },
  zh: {
    hour: '小时（昨天 0–24，今天 24–48）',
    replayed: '回放（昨天）',
    streamed: '今天已流式训练',
    fresh: '新鲜',
    unused: '不使用',
    now: '现在，09:30',
  },
};

export default defineFigure({
  caption: {
    en: 'What the replay selector feeds the trainer at 09:30 today: yesterday from 09:30 to midnight is replayed, today from midnight to 09:00 was streamed earlier, and 09:00–09:30 is fresh. Replay plus today covers exactly the last 24 hours, so every hour of the day appears once.',
    zh: '今天 09:30 时回放选择器交给训练器的数据：回放昨天 09:30 到零点的样本，今天零点到 09:00 的样本此前已流式训练过，09:00–09:30 是新鲜样本。回放加上今天的数据恰好覆盖最近 24 小时，一天中的每个小时各出现一次。',
  },
  alt: {
    en: 'A 48-hour timeline split into coloured blocks. Yesterday 00:00 to 09:30 is unused. Yesterday 09:30 to 24:00 is replayed. Today 00:00 to 09:00 is marked already streamed, 09:00 to 09:30 is fresh, and everything after 09:30 has not been logged yet.',
    zh: '一条分成若干色块的 48 小时时间轴。昨天 00:00 到 09:30 不使用；昨天 09:30 到 24:00 被回放；今天 00:00 到 09:00 标为已流式训练，09:00 到 09:30 是新鲜样本，09:30 之后的一切都还没有落日志。',
  },
  plot: (lang) => {
    const label = LABELS[lang];
    const samples = Array.from({ length: 48 / step }, (_, i) => ({ t: i * step }));
    const { replay, fresh } = selectReplay(samples, now);
    const replaySet = new Set(replay);
    const freshSet = new Set(fresh);
    const w = replayWindow(now);
    const rows = samples.map((s) => ({
      t1: s.t,
      t2: s.t + step,
      category: replaySet.has(s)
        ? categories[1]
        : freshSet.has(s)
          ? categories[3]
          : s.t >= w.replay.to && s.t < w.fresh.from
            ? categories[2]
            : s.t > now
              ? categories[4]
              : categories[0],
    }));
    // Merge consecutive quarter-hours of the same category into one block (no seams, fewer nodes).
    const blocks: typeof rows = [];
    for (const r of rows) {
      const last = blocks[blocks.length - 1];
      if (last && last.category === r.category) last.t2 = r.t2;
      else blocks.push({ ...r });
    }
    // One label per block, placed above the bar at the block's middle (computed from the window).
    const labels = [
      { x: (w.replay.from + w.replay.to) / 2, y: 1.35, text: label.replayed, fill: FIG_COLORS[0] },
      { x: (w.replay.to + w.fresh.from) / 2, y: 1.35, text: label.streamed, fill: FIG_COLORS[3] },
      { x: (w.fresh.from + w.fresh.to) / 2, y: 1.85, text: label.fresh, fill: FIG_COLORS[1] },
      { x: (0 + w.replay.from) / 2, y: 1.35, text: label.unused, fill: 'currentColor' },
    ];
    return {
      width: 640,
      height: 170,
      marginLeft: 20,
      marginRight: 20,
      marginBottom: 40,
      x: {
        label: label.hour,
        domain: [0, 48],
        ticks: [0, 6, 12, 18, 24, 30, 36, 42, 48],
      },
      y: { axis: null, domain: [0, 2.2] },
      color: {
        domain: [...categories],
        range: ['transparent', FIG_COLORS[0], FIG_COLORS[3], FIG_COLORS[1], 'transparent'],
      },
      marks: [
        Plot.rect(blocks, { x1: 't1', x2: 't2', y1: 0, y2: 1, fill: 'category' }),
        // Outline of the whole 48 hours, so the unused and future parts still read as time.
        Plot.rect([{ x1: 0, x2: 48 }], {
          x1: 'x1',
          x2: 'x2',
          y1: 0,
          y2: 1,
          fill: 'none',
          stroke: 'currentColor',
          strokeOpacity: 0.4,
        }),
        Plot.ruleX([24], { y1: 0, y2: 1.1, stroke: 'currentColor', strokeDasharray: '4 3' }),
        Plot.ruleX([now], { y1: 0, y2: 1.7, stroke: FIG_COLORS[2], strokeWidth: 2 }),
        Plot.text([{ x: now, y: 0.5, label: label.now }], {
          x: 'x',
          y: 'y',
          text: 'label',
          dx: 6,
          textAnchor: 'start',
        }),
        // One mark per label so each fill is a constant colour, not a channel through the scale.
        ...labels.map((l) => Plot.text([l], { x: 'x', y: 'y', text: 'text', fill: l.fill })),
      ],
    };
  },
});
