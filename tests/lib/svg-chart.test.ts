import { describe, expect, it } from 'vitest';
import { lineChart, stackedBars, ticks } from '../../src/lib/svg-chart.ts';

describe('ticks', () => {
  it('chooses 1-2-5 steps covering the range', () => {
    expect(ticks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0, 10_000)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(ticks(3, 3)).toEqual([3]);
  });
});

describe('lineChart', () => {
  it('maps the data corners to the plot corners and labels the chart', () => {
    const svg = lineChart(
      [
        {
          label: 'a<b',
          color: 'var(--fig-1)',
          points: [
            [0, 0],
            [1, 1],
          ],
        },
      ],
      {
        title: 'T & U',
        xLabel: 'x',
        yLabel: 'y',
        width: 200,
        height: 100,
      },
    );
    // margins: left 52, right 16, top 12, bottom 40 -> (0,0) at (52, 60), (1,1) at (184, 12)
    expect(svg).toContain('d="M52.0,60.0L184.0,12.0"');
    expect(svg).toContain('aria-label="T &amp; U"');
    expect(svg).toContain('>a&lt;b</text>');
  });
});

describe('stackedBars', () => {
  it('stacks segments from the bottom and skips empty ones', () => {
    const svg = stackedBars(
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
      {
        title: 't',
        yLabel: 'y',
        width: 100,
        height: 100,
      },
    );
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).not.toContain('fill="blue"');
  });
});
