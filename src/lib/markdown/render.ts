/**
 * Renders a Markdown string (a self-check answer) to HTML with the same math pipeline as the
 * notes. Errors name the note the string came from.
 */
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkGfm from 'remark-gfm';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { rehypePlugins, remarkPlugins } from './pipeline.ts';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkPlugins)
  .use(remarkRehype)
  .use(rehypePlugins)
  .use(rehypeStringify);

/** Render `markdown`; `path` names its source in error messages (e.g. "content/notes/en/x.mdx (checks[2].a)"). */
export async function renderMarkdown(markdown: string, path: string): Promise<string> {
  const file = new VFile({ value: markdown, path });
  return String(await processor.process(file));
}

/** Render a one-line string (a question) without the wrapping paragraph. */
export async function renderInline(markdown: string, path: string): Promise<string> {
  const html = await renderMarkdown(markdown, path);
  return html.replace(/^<p>([\s\S]*)<\/p>\s*$/, '$1');
}
