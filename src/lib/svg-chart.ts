/**
 * Tiny SVG chart builders for the demos. The same function draws the static fallback at build
 * time and redraws in the browser, so both views always agree. (Build-time figures use Plot;
 * these exist because Plot is far too large to ship to a reader for a demo.)
 */

export interface Series {
  label: string;
  /** A CSS colour, normally one of FIG_COLORS. */
  color: string;
  points: readonly (readonly [number, number])[];
}

export interface LineChartOptions {
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  /** Axis ranges; computed from the data when absent. */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** Accessible name of the chart. */
  title: string;
  /** Draw the y = x diagonal (ROC charts). */
  diagonal?: boolean;
  /** Where the legend goes; bottom-right suits curves that rise to the top-left. */
  legend?: 'top-left' | 'bottom-right';
}

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const fmt = (x: number): string => (Math.abs(x) >= 1000 ? x.toFixed(0) : String(+x.toPrecision(3)));

/** Evenly spaced "nice" ticks covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toFixed(12));
  return out;
}

export function lineChart(series: readonly Series[], o: LineChartOptions): string {
  const width = o.width ?? 480;
  const height = o.height ?? 300;
  const m = { top: 12, right: 16, bottom: 40, left: 52 };
  const all = series.flatMap((s) => s.points);
  const xd = o.xDomain ?? [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const yd = o.yDomain ?? [Math.min(0, ...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const xSpan = xd[1] - xd[0] || 1;
  const ySpan = yd[1] - yd[0] || 1;
  const sx = (x: number) => m.left + ((x - xd[0]) / xSpan) * (width - m.left - m.right);
  const sy = (y: number) => height - m.bottom - ((y - yd[0]) / ySpan) * (height - m.top - m.bottom);
  const parts: string[] = [];
  for (const t of ticks(xd[0], xd[1]))
    parts.push(
      `<line x1="${sx(t)}" x2="${sx(t)}" y1="${height - m.bottom}" y2="${height - m.bottom + 5}" stroke="currentColor"/>`,
      `<text x="${sx(t)}" y="${height - m.bottom + 17}" text-anchor="middle">${fmt(t)}</text>`,
    );
  for (const t of ticks(yd[0], yd[1]))
    parts.push(
      `<line x1="${m.left - 5}" x2="${width - m.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="currentColor" stroke-opacity="0.12"/>`,
      `<text x="${m.left - 8}" y="${sy(t) + 4}" text-anchor="end">${fmt(t)}</text>`,
    );
  parts.push(
    `<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="currentColor"/>`,
    `<text x="${(m.left + width - m.right) / 2}" y="${height - 6}" text-anchor="middle">${esc(o.xLabel)}</text>`,
    `<text transform="translate(13 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`,
  );
  if (o.diagonal)
    parts.push(
      `<line x1="${sx(xd[0])}" y1="${sy(yd[0])}" x2="${sx(xd[1])}" y2="${sy(yd[1])}" stroke="currentColor" stroke-dasharray="4 4" stroke-opacity="0.5"/>`,
    );
  series.forEach((s, i) => {
    const d = s.points.map((p, k) => `${k ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${esc(s.color)}" stroke-width="2.2"/>`);
    const lx = o.legend === 'bottom-right' ? width - m.right - 170 : m.left + 10;
    const ly = o.legend === 'bottom-right' ? height - m.bottom - 12 - (series.length - 1 - i) * 16 : m.top + 4 + i * 16;
    parts.push(
      `<rect x="${lx}" y="${ly}" width="12" height="3" fill="${esc(s.color)}"/>`,
      `<text x="${lx + 17}" y="${ly + 5}">${esc(s.label)}</text>`,
    );
  });
  return (
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(o.title)}" ` +
    `font-size="11" font-family="system-ui, sans-serif" fill="currentColor">${parts.join('')}</svg>`
  );
}

export interface StackedBar {
  label: string;
  /** Segments from the bottom up. */
  segments: readonly { value: number; color: string; text?: string }[];
}

/** Vertical stacked bars with an optional reference line (the alias table's height-1 line). */
export function stackedBars(
  bars: readonly StackedBar[],
  o: { title: string; yLabel: string; reference?: number; width?: number; height?: number },
): string {
  const width = o.width ?? 480;
  const height = o.height ?? 260;
  const m = { top: 12, right: 12, bottom: 30, left: 46 };
  const top = Math.max(o.reference ?? 0, ...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0))) || 1;
  const bw = (width - m.left - m.right) / Math.max(bars.length, 1);
  const sy = (y: number) => height - m.bottom - (y / top) * (height - m.top - m.bottom);
  const parts: string[] = [];
  for (const t of ticks(0, top, 4))
    parts.push(
      `<line x1="${m.left - 4}" x2="${width - m.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="currentColor" stroke-opacity="0.12"/>`,
      `<text x="${m.left - 7}" y="${sy(t) + 4}" text-anchor="end">${fmt(t)}</text>`,
    );
  bars.forEach((b, i) => {
    let base = 0;
    const x = m.left + i * bw + bw * 0.12;
    for (const s of b.segments) {
      if (s.value <= 0) continue;
      const y0 = sy(base);
      const y1 = sy(base + s.value);
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${(bw * 0.76).toFixed(1)}" height="${(y0 - y1).toFixed(1)}" fill="${esc(s.color)}" stroke="var(--bg)" stroke-width="1"/>`,
      );
      if (s.text && y0 - y1 > 13)
        parts.push(
          `<text x="${(x + bw * 0.38).toFixed(1)}" y="${((y0 + y1) / 2 + 4).toFixed(1)}" text-anchor="middle" fill="var(--bg)" font-weight="700">${esc(s.text)}</text>`,
        );
      base += s.value;
    }
    parts.push(
      `<text x="${(x + bw * 0.38).toFixed(1)}" y="${height - m.bottom + 16}" text-anchor="middle">${esc(b.label)}</text>`,
    );
  });
  if (o.reference !== undefined)
    parts.push(
      `<line x1="${m.left}" x2="${width - m.right}" y1="${sy(o.reference)}" y2="${sy(o.reference)}" stroke="currentColor" stroke-dasharray="5 4"/>`,
    );
  parts.push(
    `<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="currentColor"/>`,
    `<text transform="translate(12 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`,
  );
  return (
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(o.title)}" ` +
    `font-size="11" font-family="system-ui, sans-serif" fill="currentColor">${parts.join('')}</svg>`
  );
}
