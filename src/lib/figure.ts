/**
 * Build-time figures. A figure module calls snippet code and returns Plot options; `<Figure>`
 * renders them to an SVG string with a server-side DOM, so no chart code reaches the browser.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { DEFAULT_LANG, type Lang } from '../i18n/langs.ts';

/** A text in every language of the site (a plain string is English only). */
export type Localized = string | Record<Lang, string>;

/** `text` in `lang` (English where a text has no translation). */
export const localized = (text: Localized, lang: Lang): string =>
  typeof text === 'string' ? text : (text[lang] ?? text[DEFAULT_LANG]);

export interface FigureSpec {
  /** Visible caption under the chart: what it shows and what to notice. */
  caption: Localized;
  /** Text alternative: the chart's message for a reader who cannot see it. */
  alt: Localized;
  /**
   * Plot options computed from snippet output (no `document`: it is supplied here), with axis
   * labels and legends in `lang`. The numbers are the same in every language.
   */
  plot: (lang: Lang) => Plot.PlotOptions;
}

export function defineFigure(spec: FigureSpec): FigureSpec {
  return spec;
}

// Plot writes these into SVG presentation attributes, which resolve `var()` like any CSS value.
export { FIG_COLORS } from './colors.ts';

/**
 * Render a figure in `lang` to an SVG string and its caption. Plot's own white background is
 * replaced by the theme's.
 */
export function renderFigure(spec: FigureSpec, lang: Lang = DEFAULT_LANG): { svg: string; caption: string } {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const options = spec.plot(lang);
  const caption = localized(spec.caption, lang);
  const alt = localized(spec.alt, lang);
  // Plot reports doubtful input (numbers given as strings, bad scales) with console.warn; here a
  // warning fails the build, so a figure never ships quietly wrong.
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  let node: HTMLElement | SVGSVGElement;
  try {
    node = Plot.plot({
      ...options,
      document: document as unknown as Document,
      style: {
        background: 'transparent',
        color: 'inherit',
        // Figures are shown at their own size (scrolling sideways on a phone), so 12 px text stays 12 px.
        fontSize: '12px',
        ...(typeof options.style === 'object' ? options.style : {}),
      },
    });
  } finally {
    console.warn = warn;
  }
  if (warnings.length) throw new Error(`Figure "${caption.slice(0, 60)}…": Plot warned: ${warnings.join('; ')}`);
  // With a legend Plot returns <figure><div>swatches</div><svg>chart</svg></figure>: the chart is
  // the figure's own <svg> child, the swatch icons are decoration.
  const svg =
    node.tagName.toLowerCase() === 'svg' ? node : [...node.children].find((c) => c.tagName.toLowerCase() === 'svg');
  if (!svg) throw new Error('renderFigure: Plot produced no <svg>');
  for (const swatch of node.querySelectorAll('svg')) if (swatch !== svg) swatch.setAttribute('aria-hidden', 'true');
  // role="img" makes the chart one image named by the figure's alt text, so screen readers do
  // not read out hundreds of tick labels.
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', alt);
  // Plot labels its inner groups ("line", "x-axis tick"); inside an image those labels are not
  // allowed and would never be read, so the alt text stands alone.
  for (const el of svg.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  return { svg: compactSvg(node.outerHTML), caption };
}

const GEOMETRY = /(\s(?:d|points|transform|x|y|x1|x2|y1|y2|cx|cy|r|width|height)=")([^"]*)(")/g;
const OPACITY = /(\s(?:opacity|fill-opacity|stroke-opacity|stop-opacity|flood-opacity)=")([^"]*)(")/g;
/** A number with a fraction or an exponent (integers are left as written). */
const FRACTIONAL = /-?(?:\d+\.\d*|\.\d+|\d+(?=e))(?:e[-+]?\d+)?/gi;

/** `value` with every fractional number rounded to `decimals` decimals (`1e-7` and `-0.04` give `0`). */
const roundNumbers = (value: string, decimals: number): string => {
  const scale = 10 ** decimals;
  return value.replace(FRACTIONAL, (n) => String(Math.round(Number(n) * scale) / scale + 0));
};

/**
 * Plot writes numbers with up to 15 decimals. Rounding what no screen shows makes dense figures
 * several times smaller: geometry to a tenth of a pixel, opacity to a thousandth (a colour
 * channel has 256 steps, so 0.001 is a quarter of one). Only attribute values inside tags are
 * rounded, never text.
 */
export function compactSvg(svg: string): string {
  return svg.replace(/<[^>]+>/g, (tag) =>
    tag
      .replace(GEOMETRY, (_, before: string, value: string, after: string) => before + roundNumbers(value, 1) + after)
      .replace(OPACITY, (_, before: string, value: string, after: string) => before + roundNumbers(value, 3) + after),
  );
}
