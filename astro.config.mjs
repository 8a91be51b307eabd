// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import siteAssets from './src/integrations/site-assets.ts';
import { astroMarkdownOptions } from './src/lib/markdown/pipeline.ts';
import { shikiThemes } from './src/lib/shiki.ts';

export default defineConfig({
  site: 'https://recall-and-rank.example',
  trailingSlash: 'always',
  build: { format: 'directory' },
  // No view transitions, no prefetch: a plain note page ships no framework script.
  prefetch: false,
  devToolbar: { enabled: false },
  markdown: {
    // Astro 7 runs remark/rehype plugins only through the unified processor.
    processor: unified(astroMarkdownOptions),
    shikiConfig: { themes: shikiThemes, defaultColor: false },
  },
  integrations: [mdx(), siteAssets()],
  vite: {
    build: {
      rollupOptions: {
        // Astro marks MDX modules with a "use astro:head-inject" directive that the bundler warns
        // about on every build; harmless, tracked upstream: https://github.com/withastro/astro/issues/18087
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  // The bad-input fixtures build into their own cache so they never touch the real one.
  cacheDir: process.env.RR_CACHE_DIR ?? './node_modules/.astro',
});
