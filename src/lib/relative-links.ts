/**
 * Rewrites a page of the built site so it works opened from disk (file://): every site-absolute
 * URL becomes relative to the page, and a directory URL points at its index.html, because there
 * is no server to do that mapping.
 */

/** The relative path from `fromFile`'s folder back to the site root ("" at the top level). */
export function rootPrefix(fromFile: string): string {
  const depth = fromFile.split('/').length - 1;
  return '../'.repeat(depth);
}

/** `/a/b/#x` seen from `fromFile` -> `../a/b/index.html#x` (or undefined when not site-absolute). */
export function relativeUrl(fromFile: string, url: string): string | undefined {
  if (!url.startsWith('/') || url.startsWith('//')) return undefined;
  const hashAt = url.indexOf('#');
  const path = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  let target = path.slice(1);
  if (target === '' || target.endsWith('/')) target += 'index.html';
  else if (!/\.[a-z0-9]+$/i.test(target)) target += '/index.html';
  return rootPrefix(fromFile) + target + hash;
}

const ATTRS = /(\s(?:href|src)=")(\/(?!\/)[^"]*)(")/g;

export function rewriteHtml(fromFile: string, html: string): string {
  return html
    .replace(ATTRS, (_, before: string, url: string, after: string) => before + relativeUrl(fromFile, url)! + after)
    .replace(
      /(\sdata-root=")\/(")/,
      (_, before: string, after: string) => `${before}${rootPrefix(fromFile) || './'}${after}`,
    );
}
