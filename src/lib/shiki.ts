/** One pair of Shiki themes for Markdown code blocks and <Snippet> (src/lib/highlight.ts). */
export const shikiThemes = { light: 'github-light-default', dark: 'github-dark-default' } as const;
