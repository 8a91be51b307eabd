/**
 * Small formatting helpers shared by pages and the demo scripts (so they stay tiny): fill a
 * template's {placeholders}, and write a number the way the page's language writes it.
 */
import { HTML_LANG, type Lang } from './langs.ts';

/** "Draw {n} samples" with { n: '10,000' } -> "Draw 10,000 samples". Unknown names stay as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A number in `lang`'s conventions (grouping, decimal sign), with at most `digits` decimals. */
export function formatNumber(n: number, lang: Lang, digits = 0): string {
  return n.toLocaleString(HTML_LANG[lang], { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
