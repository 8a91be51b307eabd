import { describe, expect, it } from 'vitest';
import {
  CHART_FONT_SIZE,
  chartFigure,
  lineChart,
  stackedBars,
  textWidth,
  tickFormatter,
  ticks,
} from '../../src/lib/svg-chart.ts';

const line = (points: (readonly [number, number])[]) => [{ label: 'a<b', color: 'var(--fig-1)', points }];

/** The text of every <text> element of a chart. */
const texts = (html: string) => [...html.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('ticks', () => {
  it('chooses 1-2-5 steps covering the range', () => {
    expect(ticks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0, 10_000)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(ticks(3, 3)).toEqual([3]);
  });

  it('puts an exact 0 where a range crosses it, never float dust like 5.6e-17', () => {
    // a step of 0.2: a running sum -0.6 + 0.2 + 0.2 + 0.2 gives 5.6e-17, not 0
    expect(ticks(-0.6, 0.6, 6)).toEqual([-0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6]);
    expect(ticks(-10, 10)).toEqual([-10, -5, 0, 5, 10]);
  });

  it('copes with huge and non-finite ranges', () => {
    expect(ticks(0, 1e300)).toEqual([0, 2e299, 4e299, 6e299, 8e299, 1e300]);
    expect(ticks(0, Infinity)).toEqual([0]);
    expect(ticks(Number.NaN, 1)).toEqual([]);
  });
});

describe('tickFormatter', () => {
  it('writes small values plainly, in the page language', () => {
    const f = tickFormatter([0, 0.2, 0.4], 'en');
    expect([0, 0.2, 0.4, -0].map(f)).toEqual(['0', '0.2', '0.4', '0']);
    expect(tickFormatter([0, 2500, 5000], 'en')(2500)).toBe('2,500');
  });

  it('uses the compact form of each language from 10,000 on, for every tick of the axis', () => {
    const values = [0, 10_000, 20_000, 50_000];
    expect(values.map(tickFormatter(values, 'en'))).toEqual(['0', '10K', '20K', '50K']);
    expect(values.map(tickFormatter(values, 'zh'))).toEqual(['0', '1万', '2万', '5万']);
    expect(tickFormatter([0, 5000, 15_000], 'en')(5000)).toBe('5K');
    expect(tickFormatter([0, 1.5e6], 'en')(1.5e6)).toBe('1.5M');
    expect(tickFormatter([0, 2e8], 'zh')(2e8)).toBe('2亿');
  });

  it('never writes a long run of digits: 1e15 and beyond in powers of ten', () => {
    const values = ticks(0, 1e300);
    const labels = values.map(tickFormatter(values, 'en'));
    expect(labels).toEqual(['0', '2e299', '4e299', '6e299', '8e299', '1e300']);
    expect(tickFormatter([0, 2.5e15], 'zh')(2.5e15)).toBe('2.5e15');
    expect(tickFormatter([0, 1e-5], 'en')(2e-5)).toBe('2e-5');
    for (const top of [1e4, 1e6, 1e9, 1e12, 1e14, 1e15, 1e20, 1e100])
      for (const lang of ['en', 'zh'] as const) {
        const t = ticks(0, top);
        for (const label of t.map(tickFormatter(t, lang)))
          expect(label.length, `${top} ${lang}`).toBeLessThanOrEqual(6);
      }
  });
});

describe('lineChart', () => {
  it('maps the data corners to the plot corners and labels the chart', () => {
    const html = lineChart(
      line([
        [0, 0],
        [1, 1],
      ]),
      { title: 'T & U', xLabel: 'x', yLabel: 'y', width: 200, height: 100 },
    );
    // margins: right 16, top 12, bottom 40; left 20 + 4 + the widest y label ("0.2": 3 x 7.2 px) + 8 = 54
    // -> (0,0) at (54, 60), (1,1) at (184, 12)
    expect(html).toContain('d="M54.0,60.0L184.0,12.0"');
    expect(html).toContain('aria-label="T &amp; U"');
    expect(html).toContain('>a&lt;b</text>');
  });

  it('is drawn at its own size with 12 px text, in a focusable scrolling frame named by its caption', () => {
    const html = lineChart(
      line([
        [0, 0],
        [1, 2],
      ]),
      { title: 'Power & n', alt: 'A rising curve', id: 'my-chart', xLabel: 'x', yLabel: 'y', width: 480 },
    );
    expect(CHART_FONT_SIZE).toBeGreaterThanOrEqual(12);
    expect(html).toMatch(/<svg [^>]*width="480" height="300"[^>]*font-size="12"/);
    expect(html).toMatch(
      /^<figure class="demo-chart"><div class="figure-scroll" tabindex="0" role="group" aria-labelledby="my-chart"><svg /,
    );
    expect(html).toContain('<figcaption id="my-chart">Power &amp; n</figcaption></figure>');
    expect(html).toContain('role="img" aria-label="A rising curve"');
    // no text smaller than the chart's own
    expect(html).not.toMatch(/font-size="(?:[0-9]|1[01])"/);
  });

  it('keeps a caption id for the same title and gives different titles different ids', () => {
    const ids = (title: string) =>
      /aria-labelledby="([^"]+)"/.exec(lineChart(line([[0, 1]]), { title, xLabel: 'x', yLabel: 'y' }))![1];
    expect(ids('A')).toBe(ids('A'));
    expect(ids('A')).not.toBe(ids('B'));
  });

  it('writes tick labels compactly in the page language', () => {
    const points: [number, number][] = [
      [0, 0],
      [50_000, 300],
    ];
    expect(texts(lineChart(line(points), { title: 't', xLabel: 'x', yLabel: 'y', lang: 'en' }))).toContain('50K');
    expect(texts(lineChart(line(points), { title: 't', xLabel: 'x', yLabel: 'y', lang: 'zh' }))).toContain('5万');
    const huge = texts(
      lineChart(
        line([
          [0, 0],
          [1e300, 1e300],
        ]),
        { title: 't', xLabel: 'x', yLabel: 'y' },
      ),
    );
    for (const label of huge) expect(label).not.toMatch(/\d{7}/);
  });

  it('moves the plot right so wide y labels never reach the rotated axis label', () => {
    const html = lineChart(
      line([
        [0, 0],
        [1, 0.05],
      ]),
      { title: 't', xLabel: 'x', yLabel: 'y', yDomain: [-0.05, 0.05] },
    );
    // the widest label "-0.05" (5 x 7.2 = 36 px) ends 8 px before the axis: left = 20 + 4 + 36 + 8 = 68
    expect(html).toContain('<line x1="68" x2="464"');
  });
});

describe('stackedBars', () => {
  it('stacks segments from the bottom and skips empty ones', () => {
    const html = stackedBars(
      [
        {
          label: 'c0',
          segments: [
            { value: 0.5, color: 'red' },
            { value: 0, color: 'blue' },
            { value: 0.5, color: 'green' },
          ],
        },
      ],
      { title: 't', yLabel: 'y', width: 100, height: 100 },
    );
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).not.toContain('fill="blue"');
  });

  it('widens instead of letting long bar labels run into each other', () => {
    const bars = Array.from({ length: 12 }, (_, i) => ({
      label: `column ${i}`,
      segments: [{ value: 1, color: 'red' }],
    }));
    const width = Number(/<svg [^>]*width="(\d+)"/.exec(stackedBars(bars, { title: 't', yLabel: 'y' }))![1]);
    // 12 bars of at least "column 11" (9 x 7.2 px) + 8
    expect(width).toBeGreaterThanOrEqual(12 * (textWidth('column 11') + 8));
    const narrow = stackedBars(bars.slice(0, 3), { title: 't', yLabel: 'y', width: 360 });
    expect(narrow).toMatch(/<svg [^>]*width="360"/);
  });

  it('wraps its SVG in the same captioned, focusable frame', () => {
    const html = stackedBars([{ label: 'a', segments: [{ value: 1, color: 'red' }] }], {
      title: 'Shares',
      yLabel: 'y',
    });
    expect(html).toMatch(/^<figure class="demo-chart"><div class="figure-scroll" tabindex="0" role="group"/);
    expect(html).toContain('>Shares</figcaption>');
  });
});

describe('chartFigure and textWidth', () => {
  it('frames any SVG and escapes its caption', () => {
    expect(chartFigure('<svg></svg>', { title: '<b>', id: 'g' })).toBe(
      '<figure class="demo-chart"><div class="figure-scroll" tabindex="0" role="group" aria-labelledby="g"><svg></svg></div>' +
        '<figcaption id="g">&lt;b&gt;</figcaption></figure>',
    );
  });

  it('counts a Chinese character as a full square and a Latin one as 0.6 of it', () => {
    expect(textWidth('ab')).toBeCloseTo(2 * 0.6 * CHART_FONT_SIZE);
    expect(textWidth('学习率')).toBe(3 * CHART_FONT_SIZE);
  });
});
