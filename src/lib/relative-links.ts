/**
 * Rewrites a page of the built site so it works opened from disk (file://): every site-absolute
 * URL becomes relative to the page, and a directory URL points at its index.html, because there
 * is no server to do that mapping. A site built under a base path (`/repo/`) has that prefix on
 * every URL; it is taken off first, since the offline copy's root is the base.
 */

/** The relative path from `fromFile`'s folder back to the site root ("" at the top level). */
export function rootPrefix(fromFile: string): string {
  const depth = fromFile.split('/').length - 1;
  return '../'.repeat(depth);
}

/** `/base/a/b/#x` seen from `fromFile` -> `../a/b/index.html#x` (or undefined when not under the base). */
export function relativeUrl(fromFile: string, url: string, base = '/'): string | undefined {
  if (!url.startsWith(base) || url.startsWith('//')) return undefined;
  const hashAt = url.indexOf('#');
  const path = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  let target = path.slice(base.length);
  if (target === '' || target.endsWith('/')) target += 'index.html';
  else if (!/\.[a-z0-9]+$/i.test(target)) target += '/index.html';
  return rootPrefix(fromFile) + target + hash;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function rewriteHtml(fromFile: string, html: string, base = '/'): string {
  const attrs = new RegExp(`(\\s(?:href|src)=")(${escapeRegExp(base)}(?!/)[^"]*)(")`, 'g');
  const root = new RegExp(`(\\sdata-root=")${escapeRegExp(base)}(")`);
  return html
    .replace(
      attrs,
      (_, before: string, url: string, after: string) => before + relativeUrl(fromFile, url, base)! + after,
    )
    .replace(root, (_, before: string, after: string) => `${before}${rootPrefix(fromFile) || './'}${after}`);
}
