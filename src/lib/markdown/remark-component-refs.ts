/**
 * Checks, while an MDX note compiles, that every <Snippet> and <Figure> it uses points at
 * something that exists, so a typo fails the build naming the note file and line rather than
 * surfacing later from deep inside a page render.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { readSnippet } from '../snippets.ts';

type JsxNode = MdxJsxFlowElement | MdxJsxTextElement;

function attr(node: JsxNode, name: string): string | undefined {
  for (const a of node.attributes) {
    if (a.type === 'mdxJsxAttribute' && a.name === name && typeof a.value === 'string') return a.value;
  }
  return undefined;
}

export function remarkComponentRefs(options: { root?: string } = {}) {
  const root = options.root ?? process.cwd();
  return (tree: Root, file: VFile) => {
    const where = (node: JsxNode) => `${file.path}${node.position ? `:${node.position.start.line}` : ''}`;
    visit(tree, ['mdxJsxFlowElement', 'mdxJsxTextElement'], (n) => {
      const node = n as JsxNode;
      if (node.name === 'Snippet') {
        const snippet = attr(node, 'file');
        if (!snippet) throw new Error(`${where(node)}: <Snippet> needs a file="section/name" attribute`);
        try {
          readSnippet(snippet, attr(node, 'region'), root);
        } catch (error) {
          throw new Error(`${where(node)}: ${(error as Error).message}`, { cause: error });
        }
      } else if (node.name === 'Figure') {
        const name = attr(node, 'name');
        if (!name) throw new Error(`${where(node)}: <Figure> needs a name attribute`);
        if (!existsSync(join(root, 'src/figures', `${name}.ts`)))
          throw new Error(`${where(node)}: no figure "${name}" (expected src/figures/${name}.ts)`);
      }
    });
  };
}
