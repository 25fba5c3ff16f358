#!/usr/bin/env node
// `npm run bench`: the production targets, measured as the team measures them, on archives of
// the shared generator (../shared/tools/gen-corpus.mjs). For each size:
//   - cold index (lists ready; then the full-text fill), rescan, +1 post named by a webhook;
//   - `npm run build:standalone` from a fresh checkout (no index yet): wall time, peak RSS;
//   - the standalone server on loopback: uncached article renders, a 60 s mixed load at 50
//     connections, wrk -t2 -c50 on a cached article, home, a category and a tag, a new post
//     until live, search, a hostile body while other pages are timed, and (archives up to
//     --crawl-max) a crawl of every article, 4 at a time, the server's RSS every 1,000 requests;
//   - on one size (--instances, default the largest up to 20,000): --readers idle readers (1,000)
//     polling live news on one instance, and two instances on one Redis behind nginx
//     (deploy/nginx.conf), as README's Deploying section runs them.
// Prints the targets with their figures and writes everything to bench-results/bench.json.
//
//   node scripts/bench.mjs [--sizes 200,20000,100000] [--quick] [--seconds S] [--mixed S]
//                          [--crawl-max N] [--instances N|0] [--readers N] [--out FILE]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ensureArchive, writePost } from './bench-lib/archive.mjs';
import { waitReady } from './bench-lib/http.mjs';
import { binary, measureInstances } from './bench-lib/instances.mjs';
import { killAllSync, run, start, stop, treeRss } from './bench-lib/proc.mjs';
import { idleReaders } from './bench-lib/readers.mjs';
import { printReport } from './bench-lib/targets.mjs';
import * as measure from './bench-lib/scenarios.mjs';
import { guardTsconfig } from './bench-lib/tsconfig.mjs';
import { hasWrk, wrk } from './bench-lib/wrk.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const USAGE = `usage: node scripts/bench.mjs [--sizes 200,20000,100000] [--quick] [--seconds S]
       [--mixed S] [--crawl-max N] [--instances N|0] [--readers N] [--out FILE]`;
let args;
try {
  args = parseArgs({
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      mixed: { type: 'string' },
      'crawl-max': { type: 'string', default: '20000' },
      instances: { type: 'string' },
      readers: { type: 'string', default: '1000' },
      out: { type: 'string', default: 'bench-results/bench.json' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const SIZES = (args.sizes ?? (args.quick ? '200,2000' : '200,20000,100000')).split(',').map(Number);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`--sizes: positive integers, comma-separated\n${USAGE}`);
  process.exit(2);
}
const SECONDS = Number(args.seconds ?? (args.quick ? 3 : 10));
const MIXED_SECONDS = Number(args.mixed ?? (args.quick ? 5 : 60));
const CRAWL_MAX = Number(args['crawl-max']);
const INSTANCES = Number(args.instances ?? SIZES.filter((n) => n <= 20000).at(-1) ?? SIZES[0]);
const READERS = Number(args.readers);
const DIST = '.next-bench';
const TOKEN = 'bench-token';
const log = (msg) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

process.on('exit', killAllSync);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAllSync();
    process.exit(130);
  });
}
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
const json = (stdout) => JSON.parse(stdout.trim().split('\n').at(-1));

async function indexing(dir, content) {
  const index = path.join(dir, 'index.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(index + suffix, { force: true });
  const cold = json(
    (await tsx('scripts/reindex.ts', [content, '--index', index, '--search'])).stdout,
  );
  const rescan = json((await tsx('scripts/reindex.ts', [content, '--index', index])).stdout);
  const extra = writePost(content, `NWBENCHONE${Date.now()}`, '<p>增量索引测量用的新文章。</p>');
  const one = json(
    (await tsx('scripts/reindex.ts', [content, '--index', index, '--files', extra.rel])).stdout,
  );
  fs.rmSync(path.join(content, extra.rel));
  log(`cold index ${cold.ms} ms (+ search ${cold.searchMs} ms), file ${cold.bytes} bytes`);
  return {
    coldMs: cold.ms,
    searchMs: cold.searchMs,
    bytes: cold.bytes,
    rescanMs: rescan.ms,
    oneNamedMs: one.ms,
  };
}

async function build(content, indexFile) {
  fs.rmSync(DIST, { recursive: true, force: true });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(indexFile + suffix, { force: true });
  const restore = guardTsconfig(DIST);
  try {
    const env = {
      ...process.env,
      NEXT_DIST_DIR: DIST,
      CONTENT_DIR: content,
      INDEX_FILE: indexFile,
      NEXT_TELEMETRY_DISABLED: '1',
    };
    const r = await run('build', 'npm', ['run', 'build:standalone'], {
      env,
      rss: true,
      timeoutMs: 3_600_000,
    });
    log(`build ${Math.round(r.ms)} ms, peak RSS ${Math.round(r.peakRss / 2 ** 20)} MB`);
    return { ms: r.ms, peakRss: r.peakRss };
  } finally {
    for (const note of restore()) log(note);
  }
}

/** A server's environment, as README's Deploying section runs it. */
const serverEnv = (content, indexFile) => ({
  ...process.env,
  HOSTNAME: '127.0.0.1',
  CONTENT_DIR: content,
  INDEX_FILE: indexFile,
  REVALIDATE_TOKEN: TOKEN,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '--max-old-space-size=192',
});

async function serve(dir, content, indexFile) {
  const port = 3600 + Math.floor(Math.random() * 300);
  const base = `http://127.0.0.1:${port}`;
  const env = { ...serverEnv(content, indexFile), PORT: String(port) };
  const server = start('server', process.execPath, [path.join(DIST, 'standalone', 'server.js')], {
    env,
    logFile: path.join(dir, 'server.log'),
  });
  await waitReady(base, '/categories', { timeoutMs: 300_000, exited: server.exited });
  return { server, base };
}

async function measureServer(size, dir, content, indexFile) {
  const { server, base } = await serve(dir, content, indexFile);
  const out = { readyRss: treeRss(server.pid) };
  try {
    const started = performance.now();
    while ((measure.searchPending(indexFile) ?? 0) > 0)
      await new Promise((r) => setTimeout(r, 500));
    out.searchFillMs = performance.now() - started;
    const facts = measure.archiveFacts(indexFile);
    const old = facts.urls.slice(100).filter((_, i) => i % 7 === 0);
    log('uncached renders');
    out.uncached = await measure.uncachedRenders(base, old, 200);
    const pagesOf = (kind, { name, count }) =>
      [1, 2, 3]
        .filter((n) => count > (n - 1) * 20)
        .map(
          (n) =>
            `/${kind}/${encodeURIComponent(kind === 'category' ? name.toLowerCase() : name)}${n > 1 ? `/page/${n}` : ''}`,
        );
    const mixed = [
      ...['/', '/page/2', '/page/3', '/categories', '/tags'].flatMap((p) => [p, p, p]),
      ...facts.categories.slice(0, 20).flatMap((c) => pagesOf('category', c)),
      ...facts.tags.slice(0, 20).flatMap((t) => pagesOf('tag', t)),
      ...facts.urls.slice(0, 200).flatMap((u) => [measure.href(u), measure.href(u)]),
      ...old.slice(200, 300).map(measure.href),
      ...facts.titles
        .slice(0, 40)
        .map((t) => `/search?q=${encodeURIComponent(Array.from(t).slice(2, 5).join(''))}`),
    ];
    log(`mixed load, ${MIXED_SECONDS} s`);
    out.mixed = await wrk(base, { seconds: MIXED_SECONDS, paths: mixed, workDir: dir });
    const article = `${base}${measure.href(facts.urls[10])}`;
    await fetch(article);
    await fetch(article);
    out.wrk = {};
    for (const [name, url] of [
      ['article', article],
      ['home', `${base}/`],
      [
        'category',
        `${base}/category/${encodeURIComponent(facts.categories[0].name.toLowerCase())}`,
      ],
      ['tag', `${base}/tag/${encodeURIComponent(facts.tags[0].name)}`],
    ]) {
      out.wrk[name] = await wrk(url, { seconds: SECONDS });
      log(
        `wrk ${name}: ${Math.round(out.wrk[name].requestsPerSec)} req/s, ${out.wrk[name].errorCount} errors`,
      );
    }
    out.newPost = await measure.newPostLive(base, content, TOKEN);
    out.search = await measure.searchLatency(base, facts.titles);
    log('hostile body');
    const others = [
      '/',
      '/categories',
      ...facts.urls.slice(0, 20).map(measure.href),
      ...old.slice(600, 700).map(measure.href),
    ];
    out.hostile = await measure.hostile(base, content, TOKEN, others);
    if (size === INSTANCES && READERS > 0) {
      log(`${READERS} idle readers polling live news`);
      out.readers = await idleReaders({
        base,
        serverPid: server.pid,
        content,
        token: TOKEN,
        facts,
        readers: READERS,
        seconds: args.quick ? 20 : 60,
      });
      log(
        `readers: ${out.readers.cpuPercent.toFixed(1)}% of a core, poll p99 ${out.readers.poll.p99.toFixed(1)} ms`,
      );
    }
    if (size <= CRAWL_MAX) {
      log(`crawl of ${facts.urls.length} articles`);
      out.crawl = await measure.crawl(base, facts.urls, { serverPid: server.pid, log });
    }
    out.finalRss = treeRss(server.pid);
  } finally {
    await stop(server);
  }
  return out;
}

const results = [];
for (const size of SIZES) {
  const dir = path.join(ROOT, '.data', 'bench', String(size));
  const content = path.join(dir, 'content');
  log(`${size} posts`);
  const archive = await ensureArchive(content, size, log);
  const result = { size, archive, index: await indexing(dir, content) };
  const buildIndex = path.join(dir, 'build-index.sqlite');
  result.build = await build(content, buildIndex);
  result.server = await measureServer(size, dir, content, buildIndex);
  if (size === INSTANCES) {
    if (binary('redis-server') && binary('nginx')) {
      log('two instances on one Redis behind nginx');
      result.instances = await measureInstances({
        dir,
        content,
        indexFile: buildIndex,
        dist: DIST,
        token: TOKEN,
        facts: measure.archiveFacts(buildIndex),
        seconds: SECONDS,
        log,
        env: serverEnv(content, buildIndex),
      });
    } else {
      log('redis-server or nginx not installed (apt-get install redis-server nginx): no instances');
    }
  }
  results.push(result);
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  fs.writeFileSync(
    path.resolve(args.out),
    JSON.stringify({ at: new Date().toISOString(), results }, null, 2),
  );
}
printReport(results);
