#!/usr/bin/env node
// `npm run bench`: the production targets, measured as the team measures them, on archives of
// the shared generator (../shared/tools/gen-corpus.mjs). For each size (README: Benchmarks):
//   - index: scripts/reindex.ts on a cold index, a rescan, one file named by a webhook;
//   - build: `npm run build:standalone` from a fresh checkout (wall time, peak RSS);
//   - the standalone server under README's heap cap, started on a fresh index (the cold start:
//     spawn until lists and articles are served), then fill (the full-text fill with other
//     pages timed every second, the index's size; up to 100,000 posts the renders too),
//     uncached articles, list pages at any depth, a mixed load at 50 connections (503s counted
//     apart) and the RSS after it, wrk on cached pages, a new post until live, search, the
//     sitemaps, costly bodies while other pages are timed, bodies of 5 to 50 MB, idle readers;
//   - next-start: wrk on a cached article served by `next start` as `npm run serve` runs it;
//   - crawl: every article, 8 at a time, the costly bodies first, on a fresh server process;
//   - first-minutes: the first minutes after a start on a fresh index (fill running);
//   - instances: two instances on one Redis behind nginx (deploy/nginx.conf).
// Every post it adds is removed when it finishes. Prints the targets with their figures and
// writes everything to bench-results/bench.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  ensureArchive,
  postsBytes,
  removeAddedPosts,
  removeLeftovers,
} from './bench-lib/archive.mjs';
import { binary } from './bench-lib/cluster.mjs';
import { measureInstances } from './bench-lib/instances.mjs';
import { options, SCENARIOS } from './bench-lib/options.mjs';
import { killAllSync, run } from './bench-lib/proc.mjs';
import { launch, measureServer } from './bench-lib/serve.mjs';
import * as server from './bench-lib/server.mjs';
import { firstMinutes } from './bench-lib/startup.mjs';
import { printReport } from './bench-lib/targets.mjs';
import { hasWrk } from './bench-lib/wrk.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const opts = options(process.argv.slice(2));
const log = (msg) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

process.on('exit', () => {
  killAllSync();
  const removed = removeAddedPosts();
  if (removed) console.error(`[bench] removed the ${removed} post(s) this run had added`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
if (!hasWrk()) {
  console.error('wrk is not installed (apt-get install wrk): the throughput figures need it');
  process.exit(2);
}

const tsx = (script, scriptArgs) =>
  run(
    script,
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', script, ...scriptArgs],
    {
      timeoutMs: 3_600_000,
    },
  );
const lastJson = (stdout) => JSON.parse(stdout.trim().split('\n').at(-1));

/** scripts/reindex.ts on its own index: cold, a rescan, then one file named as a webhook does. */
async function indexing(dir, content) {
  const index = path.join(dir, 'reindex.sqlite');
  server.removeIndex(index);
  const cold = lastJson((await tsx('scripts/reindex.ts', [content, '--index', index])).stdout);
  const rescan = lastJson((await tsx('scripts/reindex.ts', [content, '--index', index])).stdout);
  const { writePost, removePost } = await import('./bench-lib/archive.mjs');
  const extra = writePost(content, `NWBENCHONE${Date.now()}`, '<p>增量索引测量用的新文章。</p>');
  try {
    const one = lastJson(
      (await tsx('scripts/reindex.ts', [content, '--index', index, '--files', extra.rel])).stdout,
    );
    log(`cold index ${cold.ms} ms, rescan ${rescan.ms} ms, one named file ${one.ms} ms`);
    return { coldMs: cold.ms, bytes: cold.bytes, rescanMs: rescan.ms, oneNamedMs: one.ms };
  } finally {
    removePost(content, extra.rel);
    server.removeIndex(index);
  }
}

/** Runs step `name` if chosen and due at this size, into `result`; a failure is reported, not fatal. */
async function step(result, name, fn, dueWhy = null) {
  if (!opts.chosen(name)) return;
  const key = camel(name);
  if (dueWhy) {
    result.skipped[name] = dueWhy;
    return;
  }
  server.setStep(name);
  log(name);
  try {
    result[key] = await fn();
  } catch (error) {
    result[key] = { error: error.message };
    log(`${name} failed: ${error.message}`);
  }
}
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());

/** The build this size's servers run: made now, or one made earlier of the same archive. */
async function ensureBuild(result, ctx) {
  const args = { dist: opts.dist, content: ctx.content, indexFile: ctx.indexFile, log };
  if (opts.chosen('build')) return step(result, 'build', () => server.build(args));
  if (server.builtFor(opts.dist, ctx.content)) return;
  log(`no build of this archive in ${opts.dist}: building it (not timed as a step)`);
  await server.build(args);
}

async function measureSize(size) {
  const dir = path.join(ROOT, '.data', 'bench', String(size));
  const content = path.join(dir, 'content');
  if (opts.archives && !fs.existsSync(content)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.resolve(opts.archives, String(size), 'content'), content);
  }
  log(`${size} posts`);
  const archive = await ensureArchive(content, size, log);
  const left = removeLeftovers(content);
  if (left) log(`removed ${left} post(s) an interrupted run had left in ${content}`);
  const ctx = { size, dir, content, indexFile: path.join(dir, 'index.sqlite'), opts, log };
  const result = { size, archive: { ...archive, ...postsBytes(content) }, skipped: {} };
  try {
    await step(result, 'index', () => indexing(dir, content));
    if (SCENARIOS.slice(2).some((name) => opts.chosen(name))) await ensureBuild(result, ctx);
    await measureServer(ctx, result, step).catch((error) => {
      result.serverError = error.message;
      log(`the server steps stopped: ${error.message}`);
    });
    const early = size === opts.early ? null : `only at ${opts.early || 'no size'} (--early)`;
    await step(
      result,
      'first-minutes',
      () =>
        firstMinutes({
          ...ctx,
          start: () => launch(ctx, { fresh: true, pristine: true, log: 'first-minutes.log' }),
          token: opts.token,
          windowS: opts.firstMinutes,
        }),
      early,
    );
    const cluster =
      size !== opts.instances
        ? `only at ${opts.instances || 'no size'} (--instances)`
        : !binary('redis-server') || !binary('nginx')
          ? 'redis-server or nginx not installed (apt-get install redis-server nginx)'
          : null;
    await step(
      result,
      'instances',
      () =>
        measureInstances({
          dir,
          content,
          dist: opts.dist,
          token: opts.token,
          seconds: opts.seconds,
          log,
        }),
      cluster,
    );
  } finally {
    result.crashes = server.takeCrashes();
    const removed = removeAddedPosts(content);
    if (removed) log(`removed the ${removed} post(s) this size's steps added`);
  }
  return result;
}

const results = [];
for (const size of opts.sizes) {
  results.push(await measureSize(size));
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  fs.writeFileSync(
    path.resolve(opts.out),
    JSON.stringify({ at: new Date().toISOString(), options: opts.shown, results }, null, 2),
  );
}
printReport(results);
log(`figures written to ${opts.out}`);
