/**
 * KaTeX settings shared by every place that renders math: notes, self-check answers and the
 * note checker. Macros live here and only here.
 */
import type { KatexOptions } from 'katex';

export const katexMacros: Record<string, string> = {
  '\\R': '\\mathbb{R}',
  '\\E': '\\mathbb{E}',
  '\\Prob': '\\mathbb{P}',
  '\\sigmoid': '\\sigma',
  '\\argmax': '\\operatorname*{arg\\,max}',
  '\\argmin': '\\operatorname*{arg\\,min}',
  '\\KL': '\\mathrm{KL}',
  '\\AUC': '\\mathrm{AUC}',
  '\\norm': '\\left\\lVert #1 \\right\\rVert',
};

/** strict: 'error' turns KaTeX's warnings (e.g. Unicode in math mode) into build errors too. */
export const katexOptions: KatexOptions = {
  macros: katexMacros,
  strict: 'error',
  trust: false,
  output: 'htmlAndMathml',
};
