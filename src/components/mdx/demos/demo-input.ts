/**
 * Reading what a reader typed into a demo's form, shared by the demos' view modules: strict
 * decimal numbers, messages that quote an entry cut short, and the view's answer when an input
 * must change. Kept free of DOM and snippet imports so every demo script can include it.
 */
import { HTML_LANG, type Lang } from '../../../i18n/langs.ts';
import type { DemoView } from './demo-client.ts';

/** A value the reader must change: which input (its form name), and the message in their language. */
export class InputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** A plain decimal number: digits with an optional point and exponent ("2", "0.5", "-1e-3"). */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A form value as a number: plain decimal notation only, so that "0x10", "0b11", "1_000",
 * "Infinity" and "" (which Number() reads as 16, 3, NaN, Infinity and 0) give NaN. A number
 * (a build-time default) is taken as it is.
 */
export function readDecimal(value: string | number): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

/** A reader's entry in a message, in quotes and cut to at most `max` characters. */
export const quote = (text: string | number, max = 24): string => {
  const s = String(text).trim();
  return `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;
};

/** The view's answer to an InputError: no output, the field and its message. Anything else is a bug: rethrown. */
export function inputErrorView(error: unknown): DemoView {
  if (error instanceof InputError) return { error: { field: error.field, message: error.message }, html: {} };
  throw error;
}

/** `x` with at most `digits` significant digits in `lang`'s conventions (0.354, 2.83, 0.001). */
export function formatSignificant(x: number, lang: Lang, digits = 3): string {
  return x.toLocaleString(HTML_LANG[lang], { maximumSignificantDigits: digits });
}

/** `x` with at most `digits` decimals (not padded) in `lang`'s conventions: 11.5, 15, 14,751. */
export function formatDecimals(x: number, lang: Lang, digits: number): string {
  return x.toLocaleString(HTML_LANG[lang], { maximumFractionDigits: digits });
}
