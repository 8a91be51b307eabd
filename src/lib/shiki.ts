/** One pair of Shiki themes for Markdown code blocks and <Snippet> (Astro's <Code> does not inherit shikiConfig). */
export const shikiThemes = { light: 'github-light-default', dark: 'github-dark-default' } as const;
