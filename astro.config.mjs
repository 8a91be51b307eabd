// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import recallAndRank from './src/integrations/recall-and-rank.ts';
import { markdownProcessor, markdownSettings } from './src/lib/markdown/processor.ts';

// The build sends nothing over the network: no anonymous usage report from Astro. (The npm
// scripts set this too, since Astro reads it before this file is loaded for some commands.)
process.env.ASTRO_TELEMETRY_DISABLED = '1';

export default defineConfig({
  // Where the site is deployed. A project page on a static host lives under /<repo>/: set `base`
  // here, or pass `--site` and `--base` to `astro build`; every link, asset and the search follow.
  site: 'https://recall-and-rank.example',
  base: '/',
  trailingSlash: 'always',
  build: { format: 'directory' },
  // No view transitions, no prefetch: a plain note page ships no framework script.
  prefetch: false,
  devToolbar: { enabled: false },
  // English at unprefixed URLs, Chinese under /zh/ (the languages of src/i18n/langs.ts; a unit
  // test keeps the two lists equal).
  i18n: {
    defaultLocale: 'en',
    locales: ['en', { path: 'zh', codes: ['zh-CN'] }],
    routing: { prefixDefaultLocale: false },
  },
  markdown: {
    // One processor for every Markdown render of the site (see src/lib/markdown/processor.ts).
    processor: markdownProcessor,
    ...markdownSettings,
  },
  // optimize: a note's static HTML is compiled as HTML strings, not as one JSX call per element
  // (its formulas arrive as HTML already: src/lib/markdown/math-html.ts).
  integrations: [mdx({ optimize: true }), recallAndRank()],
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
});
