/**
 * Build time side by side: this site and a Starlight site built from the same notes, in both
 * languages (English at the root, Chinese under /zh/ through Starlight's i18n, as this site has
 * them), each from a fresh copy under .tmp/bench/ (so caches do not flatter either), on the same
 * machine, alternately, `runs` times; the medians are compared. Used by scripts/bench.ts; run alone
 * with `node scripts/bench-builds.ts [--runs N]`.
 *
 * The Starlight copy gets each note's title, description and body, with remark-math and
 * rehype-katex for its math (as the notes use them) and each <Snippet> as a fenced code block that
 * Starlight highlights. Figures, demos, self-checks, the glossary, the checks of the output and the
 * offline package exist only here, so the comparison favours Starlight: it is the floor this
 * site's build is held to.
 *
 * Each build's output lines are timed as they arrive, which splits a build into phases ("where the
 * time goes"): start-up, content sync, collecting build info, the static entrypoints (Vite), page
 * generation and the integrations' build:done hook; this site's integration also logs each of its
 * own steps with the time since build:done began.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { readSnippet } from '../src/lib/snippets.ts';

const BENCH = resolve('.tmp/bench');
const LANGS = ['en', 'zh'] as const;

export interface BuildRun {
  /** Wall-clock seconds of `astro build`, process start to exit. */
  seconds: number;
  /** CPU seconds (user + system) of the build and its child processes: less sensitive to a busy machine. */
  cpuSeconds: number;
  pages: number;
  /** Seconds per phase, in build order (see phasesOf). */
  phases: Record<string, number>;
  /** This site's own build:done steps (name: seconds), from its integration's log lines. */
  steps: Record<string, number>;
}

/** Output lines of a build, each with the seconds since the build started when it arrived. */
type Timed = { t: number; line: string }[];

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Phases of an Astro build from its timed output lines: each phase starts at the first line after
 * the previous phase's start that matches its mark (Astro 7's own log lines) and ends where the
 * next begins; the last ends at the process exit.
 */
export function phasesOf(lines: Timed, total: number): Record<string, number> {
  const marks: [string, RegExp][] = [
    ['content sync', /Syncing content/],
    ['collecting build info', /Synced content/],
    ['static entrypoints (Vite)', /Building static entrypoints/],
    ['page generation', /generating static routes/],
    // Page generation's "Completed in": then the integrations' build:done hooks run.
    ['build:done hooks', /Completed in/],
  ];
  const starts: [string, number][] = [['start-up and config', 0]];
  let from = 0;
  for (const [name, re] of marks) {
    const i = lines.findIndex((l, k) => k >= from && re.test(l.line));
    if (i < 0) continue;
    starts.push([name, lines[i]!.t]);
    from = i + 1;
  }
  return Object.fromEntries(starts.map(([name, t], k) => [name, +((starts[k + 1]?.[1] ?? total) - t).toFixed(2)]));
}

/** This site's integration logs "<step> (<seconds since build:done began> s)"; the differences are the steps. */
export function stepsOf(lines: Timed): Record<string, number> {
  const steps: Record<string, number> = {};
  let previous = 0;
  for (const { line } of lines) {
    const m = /\[recall-and-rank\] (.+) \((\d+(?:\.\d+)?) s\)$/.exec(line);
    if (!m) continue;
    steps[m[1]!] = +(Number(m[2]) - previous).toFixed(2);
    previous = Number(m[2]);
  }
  return steps;
}

/** CPU seconds used so far by this process's finished children (Linux: cutime + cstime, 100 ticks/s). */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Run `astro build` of the project in `dir` from a clean output and cache, timing each output line. */
async function timeBuild(dir: string): Promise<BuildRun> {
  for (const d of ['dist', 'node_modules/.astro', 'node_modules/.vite', '.astro-cache', '.astro'])
    rmSync(join(dir, d), { recursive: true, force: true });
  const astro = existsSync(join(dir, 'node_modules/astro'))
    ? join(dir, 'node_modules/astro')
    : resolve('node_modules/astro');
  const cpu = childCpuSeconds();
  const started = performance.now();
  const child = spawn(process.execPath, [join(astro, 'bin/astro.mjs'), 'build'], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Timed = [];
  const stamp = (line: string) => lines.push({ t: (performance.now() - started) / 1000, line: stripAnsi(line) });
  createInterface({ input: child.stdout }).on('line', stamp);
  createInterface({ input: child.stderr }).on('line', stamp);
  const code = await new Promise<number | null>((res) => child.on('close', res));
  const seconds = (performance.now() - started) / 1000;
  // The timed log, for a look at what each phase holds.
  writeFileSync(`${dir}.log`, lines.map((l) => `${l.t.toFixed(2).padStart(7)}  ${l.line}`).join('\n'));
  if (code !== 0) throw new Error(`bench: the build in ${dir} failed (log: ${dir}.log)`);
  return {
    seconds: +seconds.toFixed(2),
    cpuSeconds: +(childCpuSeconds() - cpu).toFixed(2),
    pages: globSync('**/*.html', { cwd: join(dir, 'dist') }).length,
    phases: phasesOf(lines, seconds),
    steps: stepsOf(lines),
  };
}

/** This site with both languages' notes (the same notes the Starlight copy gets). */
export function prepareOurs(): string {
  const dir = join(BENCH, 'ours');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const path of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'public', 'content'])
    cpSync(path, join(dir, path), { recursive: true });
  // Snippets are tested code: the pages name their test files, which must exist.
  cpSync('tests/snippets', join(dir, 'tests/snippets'), { recursive: true });
  return dir;
}

/** A Starlight site of the same notes, English at the root and Chinese under /zh/. */
export function prepareStarlight(): string {
  const dir = join(BENCH, 'starlight');
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  mkdirSync(join(dir, 'src/content/docs'), { recursive: true });
  // A project of its own with its own node_modules (Astro does not build a project whose packages
  // live outside it), installed from npm's cache (--offline: nothing is fetched): Starlight is a
  // devDependency of this project, so `npm ci` has put it there, and the versions are this
  // project's own.
  const own = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
  const deps = ['astro', '@astrojs/starlight', '@astrojs/markdown-remark', 'remark-math', 'rehype-katex', 'katex'];
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ type: 'module', private: true, dependencies: Object.fromEntries(deps.map((d) => [d, own.devDependencies[d]])) }, null, 2)}\n`,
  );
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (install.status !== 0) throw new Error(`bench: could not install Starlight from npm's cache:\n${install.stderr}`);
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
process.env.ASTRO_TELEMETRY_DISABLED = '1';
export default defineConfig({
  cacheDir: './.astro-cache',
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, { strict: 'ignore' }]] }) },
  // The same filter as this site's config: no page of warnings about Astro's MDX directive.
  vite: {
    build: {
      rollupOptions: {
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  integrations: [
    starlight({
      title: 'Recall & Rank (Starlight)',
      defaultLocale: 'root',
      locales: { root: { label: 'English', lang: 'en' }, zh: { label: '简体中文', lang: 'zh-CN' } },
    }),
  ],
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
  for (const lang of LANGS)
    for (const file of globSync(`content/notes/${lang}/**/*.mdx`)) {
      const text = readFileSync(file, 'utf8');
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(text)!;
      const data = parseYaml(fm[1]!) as { title: string; description: string };
      const body = text
        .slice(fm[0].length)
        .replace(
          /<Snippet file="([^"]+)"(?: region="([^"]+)")? \/>/g,
          (_, f: string, r?: string) => `\n\`\`\`ts\n${readSnippet(f, r).code}\n\`\`\`\n`,
        )
        .replace(/<(?:Figure|[A-Z][A-Za-z0-9]*Demo)\b[^>]*\/>/g, '')
        .replace(/<Callout[^>]*>/g, '')
        .replace(/<\/Callout>/g, '');
      const rel = file.slice(`content/notes/${lang}/`.length);
      const target = join(dir, 'src/content/docs', lang === 'en' ? '' : lang, rel);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(
        target,
        `---\ntitle: ${JSON.stringify(data.title)}\ndescription: ${JSON.stringify(data.description)}\n---\n${body}`,
      );
    }
  return dir;
}

export interface BuildComparison {
  runs: number;
  /** Notes built on each side, per language. */
  notes: Record<string, number>;
  /** The median run of each side (by wall-clock seconds) and every run's seconds. */
  ours: BuildRun & { all: number[] };
  starlight: BuildRun & { all: number[] };
  /** ours.seconds / starlight.seconds (medians) */
  ratio: number;
  /**
   * Each run's ratio to the Starlight build just before it: the machine's speed drifts over
   * minutes (the same build's CPU time moves by 10-25%), and neighbours drift least.
   */
  paired: number[];
}

const median = (runs: BuildRun[]): BuildRun => [...runs].sort((a, b) => a.seconds - b.seconds)[(runs.length - 1) >> 1]!;

/** Prepare both copies, then build them alternately `runs` times. */
export async function compareBuilds(runs = 3, log: (s: string) => void = () => {}): Promise<BuildComparison> {
  const dirs = { starlight: prepareStarlight(), ours: prepareOurs() };
  const results: { ours: BuildRun[]; starlight: BuildRun[] } = { ours: [], starlight: [] };
  for (let i = 1; i <= runs; i++)
    for (const side of ['starlight', 'ours'] as const) {
      const r = await timeBuild(dirs[side]);
      results[side].push(r);
      log(
        `  build ${i}/${runs}, ${side}: ${r.seconds.toFixed(1)} s (CPU ${r.cpuSeconds.toFixed(1)} s), ${r.pages} pages`,
      );
    }
  const ours = { ...median(results.ours), all: results.ours.map((r) => r.seconds) };
  const starlight = { ...median(results.starlight), all: results.starlight.map((r) => r.seconds) };
  const notes = Object.fromEntries(LANGS.map((l) => [l, globSync(`content/notes/${l}/**/*.mdx`).length]));
  const paired = results.ours.map((r, i) => r.seconds / results.starlight[i]!.seconds);
  return { runs, notes, ours, starlight, ratio: ours.seconds / starlight.seconds, paired };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' } } });
  const r = await compareBuilds(Number(values.runs), console.log);
  console.log(
    `this site: ${r.ours.seconds.toFixed(1)} s, CPU ${r.ours.cpuSeconds.toFixed(1)} s (${r.ours.pages} pages); Starlight, same notes: ${r.starlight.seconds.toFixed(1)} s, CPU ${r.starlight.cpuSeconds.toFixed(1)} s (${r.starlight.pages} pages); ratio ${r.ratio.toFixed(2)} (paired runs ${r.paired.map((x) => x.toFixed(2)).join(', ')})`,
  );
  console.log(JSON.stringify({ ours: r.ours.phases, oursSteps: r.ours.steps, starlight: r.starlight.phases }, null, 2));
}
