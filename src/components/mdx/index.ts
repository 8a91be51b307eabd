/**
 * The components a note can use without importing them: the generic ones in this folder and every
 * demo in src/components/mdx/demos (by file name, e.g. <AliasDemo />). The note checks list the same
 * names (src/lib/markdown/remark-author-checks.ts), so an unknown one is reported at its line.
 */
import Callout from './Callout.astro';
import Figure from './Figure.astro';
import Snippet from './Snippet.astro';

const demoModules = import.meta.glob<{ default: unknown }>('./demos/*Demo.astro', { eager: true });

const demos = Object.fromEntries(
  Object.entries(demoModules).map(([path, mod]) => [path.replace(/^.*\/|\.astro$/g, ''), mod.default]),
);

export const mdxComponents = { Callout, Figure, Snippet, ...demos };
