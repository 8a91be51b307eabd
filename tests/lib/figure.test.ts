import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { compactSvg, defineFigure, renderFigure } from '../../src/lib/figure.ts';

describe('compactSvg', () => {
  it('rounds geometry to a tenth of a pixel and leaves text alone', () => {
    expect(compactSvg('<path d="M1.23456,-7.891L3,4.05"/><text x="10.26">0.125</text>')).toBe(
      '<path d="M1.2,-7.9L3,4.1"/><text x="10.3">0.125</text>',
    );
  });

  it('rounds opacity to a thousandth, below one step of an 8-bit colour channel', () => {
    expect(
      compactSvg(
        '<rect fill-opacity="0.09983341664682815" x="1.25"/><g opacity="0.5"><path stroke-opacity="0.99950004" d="M0,0"/></g><text fill-opacity="0.5">0.12345</text>',
      ),
    ).toBe(
      '<rect fill-opacity="0.1" x="1.3"/><g opacity="0.5"><path stroke-opacity="1" d="M0,0"/></g><text fill-opacity="0.5">0.12345</text>',
    );
    // Numbers in exponent form are rounded too; text content is never touched, even when it
    // reads like an attribute.
    expect(compactSvg('<rect opacity="1.23456789e-7" x="2e-3" width="12"/><text> opacity="0.123456"</text>')).toBe(
      '<rect opacity="0" x="0" width="12"/><text> opacity="0.123456"</text>',
    );
    // Every rounding is within half a thousandth of the value.
    for (const v of [0.0004999, 0.0005001, 0.123456789, 0.9996, 1e-7]) {
      const out = Number(/"([^"]+)"/.exec(compactSvg(`<rect opacity="${v.toFixed(10)}"/>`))![1]);
      expect(Math.abs(out - v)).toBeLessThanOrEqual(0.0005 + 1e-12);
    }
  });
});

describe('renderFigure', () => {
  const spec = defineFigure({
    caption: 'A line.',
    alt: 'A rising line.',
    plot: () => ({
      marks: [
        Plot.line([
          [0, 0],
          [1, 1],
        ]),
      ],
    }),
  });

  it('returns one SVG image named by the alt text, with no ARIA labels inside it', () => {
    const { svg } = renderFigure(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg.match(/aria-label="/g)).toHaveLength(1);
    expect(svg).toContain('aria-label="A rising line."');
  });

  it('keeps the chart and hides legend swatches when Plot adds a legend', () => {
    const { svg: html } = renderFigure(
      defineFigure({
        caption: 'Two series.',
        alt: 'Two dots.',
        plot: () => ({
          color: { legend: true, domain: ['a', 'b'] },
          marks: [
            Plot.dot(
              [
                { x: 0, y: 0, s: 'a' },
                { x: 1, y: 1, s: 'b' },
              ],
              { x: 'x', y: 'y', fill: 's' },
            ),
          ],
        }),
      }),
    );
    expect(html.startsWith('<figure')).toBe(true);
    expect(html.match(/role="img"/g)).toHaveLength(1);
  });

  it('fails on a Plot warning instead of shipping a doubtful figure', () => {
    const bad = defineFigure({
      caption: 'Numbers as strings.',
      alt: 'A doubtful bar chart.',
      plot: () => ({
        marks: [
          Plot.barY(
            [
              { x: '1', y: 1 },
              { x: '2', y: 2 },
              { x: '10', y: 3 },
            ],
            { x: 'x', y: 'y' },
          ),
        ],
      }),
    });
    expect(() => renderFigure(bad)).toThrow(/Plot warned/);
  });
});
