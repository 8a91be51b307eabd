/**
 * What Astro's renderers keep on a file being rendered: its frontmatter, which plugins read and
 * write (the table of contents, whether it holds math, its problems, an embedded render's
 * formulas), and which Astro hands the page as `remarkPluginFrontmatter`.
 */
import type { VFile } from 'vfile';

/** The frontmatter of `file` (undefined outside Astro's renderers, e.g. a bare unified pipeline). */
export const frontmatterOf = (file: VFile): Record<string, unknown> | undefined =>
  (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter;
