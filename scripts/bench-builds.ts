/**
 * Build time side by side: this site and a Starlight site built from the same English notes, each
 * from a fresh copy under .tmp/bench/ (so caches do not flatter either), on the same machine, one
 * after the other. Used by scripts/bench.ts; run alone with `node scripts/bench-builds.ts`.
 *
 * The Starlight copy gets each note's title, description and body, with remark-math and
 * rehype-katex for its math (as the notes use them) and each <Snippet> as a fenced code block that
 * Starlight highlights. Figures, demos, self-checks, the search indexes and the offline package
 * exist only here, so the comparison favours Starlight: it is the floor this site's build is held to.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readSnippet } from '../src/lib/snippets.ts';

const BENCH = resolve('.tmp/bench');

/** Seconds the `astro build` of the project in `dir` takes (and the pages it wrote). */
function timeBuild(dir: string): { seconds: number; pages: number } {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  rmSync(join(dir, 'node_modules/.astro'), { recursive: true, force: true });
  rmSync(join(dir, '.astro-cache'), { recursive: true, force: true });
  rmSync(join(dir, '.astro'), { recursive: true, force: true });
  const started = performance.now();
  const astro = existsSync(join(dir, 'node_modules/astro')) ? join(dir, 'node_modules/astro') : resolve('node_modules/astro');
  const build = spawnSync(process.execPath, [join(astro, 'bin/astro.mjs'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (build.status !== 0) throw new Error(`bench: the build in ${dir} failed:\n${build.stdout}\n${build.stderr}`);
  return { seconds, pages: globSync('**/*.html', { cwd: join(dir, 'dist') }).length };
}

/** This site, English notes only (the same notes the Starlight copy gets). */
export function prepareOurs(): string {
  const dir = join(BENCH, 'ours');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const path of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'public', 'content/snippets', 'content/notes/en'])
    cpSync(path, join(dir, path), { recursive: true });
  // Snippets are tested code: the pages name their test files, which must exist.
  cpSync('tests/snippets', join(dir, 'tests/snippets'), { recursive: true });
  return dir;
}

/** A Starlight site of the same notes. */
export function prepareStarlight(): string {
  const dir = join(BENCH, 'starlight');
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  mkdirSync(join(dir, 'src/content/docs'), { recursive: true });
  // A project of its own with its own node_modules (Astro does not build a project whose packages
  // live outside it), installed from npm's cache: Starlight is a devDependency of this project, so
  // \`npm ci\` has put it there, and the versions are this project's own.
  const own = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
  const deps = ['astro', '@astrojs/starlight', '@astrojs/markdown-remark', 'remark-math', 'rehype-katex', 'katex'];
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ type: 'module', private: true, dependencies: Object.fromEntries(deps.map((d) => [d, own.devDependencies[d]])) }, null, 2)}\n`,
  );
  const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (install.status !== 0) throw new Error(`bench: could not install Starlight:\n${install.stderr}`);
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
export default defineConfig({
  cacheDir: './.astro-cache',
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, { strict: 'ignore' }]] }) },
  integrations: [starlight({ title: 'Recall & Rank (Starlight)' })],
});
`,
  );
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
  );
  for (const file of globSync('content/notes/en/**/*.mdx')) {
    const text = readFileSync(file, 'utf8');
    const fm = /^---\n([\s\S]*?)\n---\n/.exec(text)!;
    const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(fm[1]!)?.[1] ?? '';
    const body = text
      .slice(fm[0].length)
      .replace(/<Snippet file="([^"]+)"(?: region="([^"]+)")? \/>/g, (_, f: string, r?: string) =>
        `\n\`\`\`ts\n${readSnippet(f, r).code}\n\`\`\`\n`,
      )
      .replace(/<(?:Figure|[A-Z][A-Za-z0-9]*Demo)\b[^>]*\/>/g, '')
      .replace(/<Callout[^>]*>/g, '')
      .replace(/<\/Callout>/g, '');
    const target = join(dir, 'src/content/docs', file.slice('content/notes/en/'.length));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `---\ntitle: ${JSON.stringify(field('title'))}\ndescription: ${JSON.stringify(field('description'))}\n---\n${body}`);
  }
  return dir;
}

export interface BuildComparison {
  ours: { seconds: number; pages: number };
  starlight: { seconds: number; pages: number };
  /** ours.seconds / starlight.seconds */
  ratio: number;
}

export function compareBuilds(): BuildComparison {
  const starlight = timeBuild(prepareStarlight());
  const ours = timeBuild(prepareOurs());
  return { ours, starlight, ratio: ours.seconds / starlight.seconds };
}

if (import.meta.main) {
  const r = compareBuilds();
  console.log(
    `this site: ${r.ours.seconds.toFixed(1)} s (${r.ours.pages} pages); Starlight, same notes: ${r.starlight.seconds.toFixed(1)} s (${r.starlight.pages} pages); ratio ${r.ratio.toFixed(2)}`,
  );
}
