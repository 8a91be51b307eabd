/**
 * KaTeX settings of the site's one Markdown processor (src/lib/markdown/processor.ts). Macros live here and only here.
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

/** Chinese characters and full-width punctuation (，。：) that KaTeX may set as text inside math. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * KaTeX's warnings fail the build, like its errors, with one exception: Chinese text in math
 * (`$x_{用户}$`, `$a，b$`) is common in notes written in Chinese, and KaTeX sets it in the text
 * font, as `\text{}` would.
 */
export function katexStrict(errorCode: string, _message: string, token?: { text?: string }): 'ignore' | 'error' {
  return errorCode === 'unicodeTextInMathMode' && CJK.test(token?.text ?? '') ? 'ignore' : 'error';
}

export const katexOptions: KatexOptions = {
  macros: katexMacros,
  strict: katexStrict,
  trust: false,
  output: 'htmlAndMathml',
};
