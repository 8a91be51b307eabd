/**
 * The remark/rehype plugins of every Markdown render: notes (through Astro's unified processor in
 * astro.config.mjs), self-check answers (renderMarkdown) and scripts/check-notes.ts.
 */
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import type { PluggableList } from 'unified';
import { katexOptions } from './katex-options.ts';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';
import { rehypeMathGuard } from './rehype-math-guard.ts';
import { remarkComponentRefs } from './remark-component-refs.ts';

export const remarkPlugins: PluggableList = [remarkMath, remarkComponentRefs];

export const rehypePlugins: PluggableList = [
  rehypeMathGuard,
  [rehypeKatex, katexOptions],
  // Ids first (Astro would add them after user plugins), so the anchors can point at them.
  rehypeHeadingIds,
  rehypeHeadingAnchors,
];
