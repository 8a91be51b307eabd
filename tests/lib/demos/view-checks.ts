/** Checks shared by the demo view tests: what a view shows in two languages, and what its messages quote. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { DemoView } from '../../../src/components/mdx/demos/demo-client.ts';

/** The visible text of some HTML: tags dropped, the few entities the views write decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every number written in a text ("14,751", "0.767", "8.88e-1", "1.00e+19"), grouping removed, sorted. */
export function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?/gi)].map((m) => m[0].replace(/,/g, '')).sort();
}

/** The drawn geometry of the charts in some HTML: each path's data, in order. */
export function pathsIn(html: string): string[] {
  return [...html.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1]!);
}

/** The accessible names of the charts' images (their alt text). */
export function altsIn(html: string): string[] {
  return [...html.matchAll(/<svg [^>]*aria-label="([^"]*)"/g)].map((m) => textOf(m[1]!));
}

/**
 * A view in Chinese shows the same numbers as in English: the same numbers in every text slot
 * (tables, sentences), the same curves and the same numbers in each chart's alt text.
 */
export function expectSameNumbers(en: DemoView, zh: DemoView): void {
  expect(en.error).toBeUndefined();
  expect(zh.error).toBeUndefined();
  expect(Object.keys(zh.html)).toEqual(Object.keys(en.html));
  for (const [slot, html] of Object.entries(en.html)) {
    const other = zh.html[slot]!;
    expect(other, slot).not.toBe(html); // it is translated
    if (html.includes('<svg')) {
      expect(pathsIn(other), slot).toEqual(pathsIn(html));
      expect(
        altsIn(other).map((a) => numbersIn(a)),
        slot,
      ).toEqual(altsIn(html).map((a) => numbersIn(a)));
    } else {
      expect(numbersIn(textOf(other)), slot).toEqual(numbersIn(textOf(html)));
    }
  }
}

/** The length of the longest piece of `input` that `message` repeats. */
export function longestEcho(message: string, input: string): number {
  let best = 0;
  for (let i = 0; i < input.length; i++)
    for (let j = i + best + 1; j <= input.length && message.includes(input.slice(i, j)); j++) best = j - i;
  return best;
}

/** Words of code or of an exception that must never reach a reader. */
export const INTERNAL = /Error|undefined|NaN|Infinity|View\b|\w+\(\)|must be finite|auc:|thompson:/;

/**
 * `view` rejects the input: it names `field`, says `message` (a string: exactly; a RegExp: a
 * match), and shows no output.
 */
export function expectRejected(view: DemoView, field: string, message: string | RegExp): void {
  expect(view.error?.field).toBe(field);
  if (typeof message === 'string') expect(view.error?.message).toBe(message);
  else expect(view.error?.message).toMatch(message);
  expect(view.html).toEqual({});
}

/**
 * The demo's component (src/components/mdx/demos/<component>.astro) has a place for every slot
 * the view fills (`data-out="<slot>"`; the table is DemoResults' own), a DemoField for every
 * input the view can name (besides `formFields`, which its alert line shows), and loads its
 * script through assetUrl, so it works under a base path and offline.
 */
export function expectComponentFits(
  component: string,
  script: string,
  view: DemoView,
  fields: readonly string[],
): void {
  const source = readFileSync(join('src/components/mdx/demos', `${component}.astro`), 'utf8');
  for (const slot of Object.keys(view.html)) {
    if (slot === 'table') expect(source).toContain("<DemoResults tableHtml={view.html['table']!}");
    else expect(source, slot).toContain(`data-out="${slot}"`);
  }
  for (const field of fields) expect(source, field).toMatch(new RegExp(`name="${field}"|name: '${field}'`));
  expect(source).toContain(`assetUrl('_client/demos/${script}.js')`);
  expect(source).not.toMatch(/src="\/_client/);
}
