/**
 * Tiny SVG chart builders for the demos. The same function draws the static fallback at build
 * time and redraws in the browser, so both views always agree. (Build-time figures use Plot;
 * these exist because Plot is far too large to ship to a reader for a demo.)
 *
 * Like the site's figures, a chart is drawn at its own size with 12 px text and shown at that
 * size inside a sideways-scrolling, keyboard-focusable frame with a visible caption: on a 360 px
 * phone it scrolls instead of shrinking its text below legibility.
 */
import { DEFAULT_LANG, HTML_LANG, type Lang } from '../i18n/langs.ts';

export interface Series {
  label: string;
  /** A CSS colour, normally one of FIG_COLORS. */
  color: string;
  points: readonly (readonly [number, number])[];
}

/** What every chart takes besides its data. */
export interface ChartFrameOptions {
  /** The chart's caption, shown under it; it also names the scrolling frame. */
  title: string;
  /** What a reader who cannot see the chart needs to know (defaults to the title). */
  alt?: string | undefined;
  /** The caption's id (defaults to one derived from the title, stable between renders). */
  id?: string | undefined;
  /** The page's language: tick labels are written in its conventions. */
  lang?: Lang | undefined;
}

export interface LineChartOptions extends ChartFrameOptions {
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  /** Axis ranges; computed from the data when absent. */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** Draw the y = x diagonal (ROC charts). */
  diagonal?: boolean;
  /** Where the legend goes; bottom-right suits curves that rise to the top-left. */
  legend?: 'top-left' | 'bottom-right';
}

/** Size of chart text in SVG units; the chart is shown at its own size, so also in CSS px. */
export const CHART_FONT_SIZE = 12;

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A rough width of `s` drawn at CHART_FONT_SIZE: CJK characters are square, Latin ones narrower. */
export function textWidth(s: string): number {
  let w = 0;
  for (const c of s) w += c.codePointAt(0)! >= 0x2e80 ? CHART_FONT_SIZE : 0.6 * CHART_FONT_SIZE;
  return w;
}

/** "1.25e20" for a number too large or too small for grouped digits. */
const scientific = (x: number): string => {
  const [m, e] = x.toExponential(2).split('e');
  return `${+m!}e${Number(e)}`;
};

/**
 * How to write the tick labels of one axis, decided by its largest tick so that the labels of an
 * axis share a style: plain numbers in `lang`'s conventions ("0.2", "2,500") up to 10,000; the
 * language's compact form from there ("15K", "1.5M" in English, "1.5万", "2亿" in Chinese); and
 * "1e15" beyond what the compact form writes short. A tick label is never a long run of digits.
 */
export function tickFormatter(values: readonly number[], lang: Lang = DEFAULT_LANG): (x: number) => string {
  const locale = HTML_LANG[lang];
  const top = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  return (x) => {
    if (x === 0) return '0';
    if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
    const a = Math.abs(x);
    if (top >= 1e15 || a < 1e-4) return scientific(x);
    if (top >= 1e4) return x.toLocaleString(locale, { notation: 'compact', maximumFractionDigits: 1 });
    return x.toLocaleString(locale, { maximumSignificantDigits: 3 });
  };
}

/** Evenly spaced "nice" ticks covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(hi - lo)) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  // Multiples of the step (not a running sum, whose rounding would put 5.6e-17 where 0 belongs).
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(+(k * step).toPrecision(12));
  return out;
}

/** A short id from a string (FNV-1a), so a caption keeps its id when the chart is redrawn. */
function hashId(s: string): string {
  let h = 0x811c9dc5;
  for (const c of s) h = Math.imul(h ^ c.codePointAt(0)!, 0x01000193);
  return `chart-${(h >>> 0).toString(36)}`;
}

/**
 * An SVG as the site shows figures: at its own size inside a sideways-scrolling frame that the
 * keyboard can reach (tabindex 0, a group named by the caption), with the caption under it.
 */
export function chartFigure(svg: string, o: Pick<ChartFrameOptions, 'title' | 'id'>): string {
  const id = esc(o.id ?? hashId(o.title));
  return (
    `<figure class="demo-chart"><div class="figure-scroll" tabindex="0" role="group" aria-labelledby="${id}">${svg}</div>` +
    `<figcaption id="${id}">${esc(o.title)}</figcaption></figure>`
  );
}

/** The <svg> element around a chart's parts: one image named by its alt text. */
const svgElement = (width: number, height: number, alt: string, parts: readonly string[]): string =>
  `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(alt)}" ` +
  `font-size="${CHART_FONT_SIZE}" font-family="system-ui, sans-serif" fill="currentColor">${parts.join('')}</svg>`;

/**
 * The left margin: room for the rotated axis label (its centre at x = 13), a gap, the widest tick
 * label and the 8 px before the axis, so that the two never overlap; at least `min`.
 */
const leftMargin = (labels: readonly string[], min: number): number =>
  Math.max(min, Math.ceil(20 + 4 + Math.max(0, ...labels.map(textWidth)) + 8));

export function lineChart(series: readonly Series[], o: LineChartOptions): string {
  const width = o.width ?? 480;
  const height = o.height ?? 300;
  const all = series.flatMap((s) => s.points);
  const xd = o.xDomain ?? [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const yd = o.yDomain ?? [Math.min(0, ...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const xTicks = ticks(xd[0], xd[1]);
  const yTicks = ticks(yd[0], yd[1]);
  const xFmt = tickFormatter(xTicks, o.lang);
  const yFmt = tickFormatter(yTicks, o.lang);
  const m = { top: 12, right: 16, bottom: 40, left: leftMargin(yTicks.map(yFmt), 52) };
  const xSpan = xd[1] - xd[0] || 1;
  const ySpan = yd[1] - yd[0] || 1;
  const sx = (x: number) => m.left + ((x - xd[0]) / xSpan) * (width - m.left - m.right);
  const sy = (y: number) => height - m.bottom - ((y - yd[0]) / ySpan) * (height - m.top - m.bottom);
  const parts: string[] = [];
  for (const t of xTicks)
    parts.push(
      `<line x1="${sx(t)}" x2="${sx(t)}" y1="${height - m.bottom}" y2="${height - m.bottom + 5}" stroke="currentColor"/>`,
      `<text x="${sx(t)}" y="${height - m.bottom + 18}" text-anchor="middle">${esc(xFmt(t))}</text>`,
    );
  for (const t of yTicks)
    parts.push(
      `<line x1="${m.left - 5}" x2="${width - m.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="currentColor" stroke-opacity="0.12"/>`,
      `<text x="${m.left - 8}" y="${sy(t) + 4}" text-anchor="end">${esc(yFmt(t))}</text>`,
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
  // The legend's swatch (12) and gap (5) before the widest label, kept inside the plot.
  const legendWidth = 17 + Math.max(0, ...series.map((s) => textWidth(s.label)));
  series.forEach((s, i) => {
    const d = s.points.map((p, k) => `${k ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${esc(s.color)}" stroke-width="2.2"/>`);
    const lx = o.legend === 'bottom-right' ? Math.max(m.left + 10, width - m.right - 8 - legendWidth) : m.left + 10;
    const ly = o.legend === 'bottom-right' ? height - m.bottom - 14 - (series.length - 1 - i) * 17 : m.top + 4 + i * 17;
    parts.push(
      `<rect x="${lx}" y="${ly}" width="12" height="3" fill="${esc(s.color)}"/>`,
      `<text x="${lx + 17}" y="${ly + 5}">${esc(s.label)}</text>`,
    );
  });
  return chartFigure(svgElement(width, height, o.alt ?? o.title, parts), o);
}

export interface StackedBar {
  label: string;
  /** Segments from the bottom up. */
  segments: readonly { value: number; color: string; text?: string }[];
}

export interface StackedBarsOptions extends ChartFrameOptions {
  yLabel: string;
  /** Draw a dashed line at this height (the alias table's height-1 line). */
  reference?: number;
  /** The width to draw at; the chart widens beyond it when the bar labels need the room. */
  width?: number;
  height?: number;
}

/** Vertical stacked bars with an optional reference line (the alias table's height-1 line). */
export function stackedBars(bars: readonly StackedBar[], o: StackedBarsOptions): string {
  const top = Math.max(o.reference ?? 0, ...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0))) || 1;
  const yTicks = ticks(0, top, 4);
  const yFmt = tickFormatter(yTicks, o.lang);
  const m = { top: 12, right: 12, bottom: 30, left: leftMargin(yTicks.map(yFmt), 46) };
  // Each bar gets at least the width of its label, so labels never run into each other.
  const minBar = 8 + Math.max(0, ...bars.map((b) => textWidth(b.label)));
  const n = Math.max(bars.length, 1);
  const width = Math.max(o.width ?? 480, Math.ceil(m.left + m.right + n * minBar));
  const height = o.height ?? 260;
  const bw = (width - m.left - m.right) / n;
  const sy = (y: number) => height - m.bottom - (y / top) * (height - m.top - m.bottom);
  const parts: string[] = [];
  for (const t of yTicks)
    parts.push(
      `<line x1="${m.left - 4}" x2="${width - m.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="currentColor" stroke-opacity="0.12"/>`,
      `<text x="${m.left - 8}" y="${sy(t) + 4}" text-anchor="end">${esc(yFmt(t))}</text>`,
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
      // A segment's own label only where it fits inside the segment.
      if (s.text && y0 - y1 > CHART_FONT_SIZE + 3 && textWidth(s.text) < bw * 0.76 - 2)
        parts.push(
          `<text x="${(x + bw * 0.38).toFixed(1)}" y="${((y0 + y1) / 2 + 4).toFixed(1)}" text-anchor="middle" fill="var(--bg)" font-weight="700">${esc(s.text)}</text>`,
        );
      base += s.value;
    }
    parts.push(
      `<text x="${(x + bw * 0.38).toFixed(1)}" y="${height - m.bottom + 17}" text-anchor="middle">${esc(b.label)}</text>`,
    );
  });
  if (o.reference !== undefined)
    parts.push(
      `<line x1="${m.left}" x2="${width - m.right}" y1="${sy(o.reference)}" y2="${sy(o.reference)}" stroke="currentColor" stroke-dasharray="5 4"/>`,
    );
  parts.push(
    `<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="currentColor"/>`,
    `<text transform="translate(13 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`,
  );
  return chartFigure(svgElement(width, height, o.alt ?? o.title, parts), o);
}
