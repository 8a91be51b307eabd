/**
 * The one Markdown processor of the site. Astro renders note bodies with it (MDX, configured in
 * astro.config.mjs), the content layer renders self-check questions and answers with it
 * (`renderMarkdown` in the loaders), and `npm run check:notes` compiles notes with it — so all
 * three apply the same plugins, typographic quotes included, and report the same problems.
 *
 * Order matters: heading ids are taken before KaTeX (a formula counts once in the table of
 * contents); KaTeX typesets each distinct formula once (rehype-katex-once.ts), and a TeX error
 * becomes a problem at its line (rehype-katex reports it, see problems.ts); the last plugin
 * reports the file's problems. In the MDX compiler and in self-check answers, each formula then
 * goes on as its HTML, not as KaTeX's thousands of elements (math-html.ts).
 */
import {
  unified,
  type MarkdownProcessor,
  type RehypePlugins,
  type UnifiedResolvedOptions,
} from '@astrojs/markdown-remark';
import type { Element, Root } from 'hast';
import remarkMath from 'remark-math';
import { EXIT, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { shikiThemes } from '../shiki.ts';
import { frontmatterOf } from './file-data.ts';
import { katexOptions } from './katex-options.ts';
import { recmaMathHtml, rehypeMathHtml } from './math-html.ts';
import { rehypeReportProblems } from './problems.ts';
import { remarkAuthorChecks } from './remark-author-checks.ts';
import { rehypeHeadingHtml, rehypeHeadingIds } from './rehype-headings.ts';
import { rehypeKatexOnce } from './rehype-katex-once.ts';
import { rehypeScrollables } from './rehype-scrollables.ts';
import { rehypeSiteLinks } from './site-links.ts';

/** Records whether KaTeX typeset anything, so a page loads the math stylesheet and fonts only when needed. */
function rehypeMathFlag() {
  return (tree: Root, file: VFile) => {
    let hasMath = false;
    visit(tree, 'element', (node: Element) => {
      const cls = node.properties['className'];
      if (!(Array.isArray(cls) && cls.includes('katex'))) return undefined;
      hasMath = true;
      return EXIT;
    });
    const frontmatter = frontmatterOf(file);
    if (frontmatter) frontmatter['hasMath'] = hasMath;
  };
}

/** The remark half: also run alone, before any typesetting, by the content layer's checks. */
export const remarkPlugins = [remarkMath, remarkAuthorChecks];

export const rehypePlugins = [
  rehypeHeadingIds,
  [rehypeKatexOnce, katexOptions],
  // Trims KaTeX's MathML before the headings keep their typeset HTML for the table of contents.
  rehypeScrollables,
  rehypeHeadingHtml,
  rehypeMathFlag,
  rehypeSiteLinks,
  rehypeReportProblems,
  // Last: in the MDX compiler and in self-check answers, formulas leave the tree as HTML.
  rehypeMathHtml,
];

/**
 * Settings Astro hands every renderer it creates from the processor (astro.config.mjs spreads them
 * into `markdown`); GitHub tables and typographic quotes are the processor's defaults.
 */
export const markdownSettings = {
  syntaxHighlight: 'shiki',
  shikiConfig: { themes: shikiThemes, defaultColor: false },
} as const;

export const markdownProcessor: MarkdownProcessor<UnifiedResolvedOptions> = unified({
  remarkPlugins,
  // Astro's plugin type leaves out unified's [plugin, options] tuples with typed options.
  rehypePlugins: rehypePlugins as RehypePlugins,
  recmaPlugins: [recmaMathHtml],
});
