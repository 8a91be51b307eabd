/**
 * The remark/rehype plugins of every Markdown render: notes (through Astro's unified processor in
 * astro.config.mjs), self-check answers (renderMarkdown) and scripts/check-notes.ts.
 */
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import type { unified as astroUnified } from '@astrojs/markdown-remark';
import type { PluggableList } from 'unified';
import { katexOptions } from './katex-options.ts';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';
import { rehypeMathGuard } from './rehype-math-guard.ts';
import { rehypeScrollables } from './rehype-scrollables.ts';
import { remarkComponentRefs } from './remark-component-refs.ts';

export const remarkPlugins: PluggableList = [remarkMath, remarkComponentRefs];

export const rehypePlugins: PluggableList = [
  rehypeMathGuard,
  [rehypeKatex, katexOptions],
  rehypeScrollables,
  // Ids first (Astro would add them after user plugins), so the anchors can point at them.
  rehypeHeadingIds,
  rehypeHeadingAnchors,
];

type AstroProcessorOptions = NonNullable<Parameters<typeof astroUnified>[0]>;

/**
 * The same plugins typed for Astro's unified() in astro.config.mjs. Astro's plugin type leaves out
 * unified's presets (which this list does not use), hence the cast.
 */
export const astroMarkdownOptions = { remarkPlugins, rehypePlugins } as unknown as AstroProcessorOptions;
