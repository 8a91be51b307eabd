/**
 * The components every note can use without importing them: the generic ones and every demo in
 * src/components/demos (by file name, e.g. <AliasDemo />).
 */
import Callout from '../components/Callout.astro';
import Figure from '../components/Figure.astro';
import Snippet from '../components/Snippet.astro';

const demoModules = import.meta.glob<{ default: unknown }>('../components/demos/*Demo.astro', { eager: true });

const demos = Object.fromEntries(
  Object.entries(demoModules).map(([path, mod]) => [path.replace(/^.*\/|\.astro$/g, ''), mod.default]),
);

export const mdxComponents = { Callout, Figure, Snippet, ...demos };
