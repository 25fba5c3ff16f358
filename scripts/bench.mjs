#!/usr/bin/env node
// `npm run bench`: how indexing, `next build` and the production server scale with the archive.
// For each size it generates a synthetic archive (scripts/gen-posts.mjs), then measures
//   - cold index time, a no-change rescan, and the index time after adding one post
//     (scripts/reindex.ts, the app's own openIndex/scanContent outside Next);
//   - `next build` wall time and peak RSS of its whole process tree, on the index pre-warmed by
//     the previous step (so the build is measured, not a cold index);
//   - with `next start` on loopback: uncached article latency (first request of ~200 random
//     articles that the build did not pre-render), then cached throughput and latency of home,
//     the biggest category, the biggest tag and one article (autocannon, fixed duration), then
//     the server's RSS (whole process tree) after that load; for context, no targets: the home
//     page once more with Accept-Encoding (as browsers fetch it), and the same home HTML from a
//     bare node:http server (the ceiling of this machine and load generator);
// and prints a table per size plus the targets, and writes everything to bench-results/bench.json.
//
//   node scripts/bench.mjs [--sizes 100,1000,10000,100000] [--quick] [--duration S]
//                          [--connections N] [--samples N] [--port P] [--reuse] [--out FILE]
//
// --quick is the CI run: 100 and 1,000 posts, 3 s load runs. The build target compares with a
// 100-post build, so 100 is added to --sizes unless --no-baseline. Work folders live under
// .data/bench/<size>/ (content, index, logs); the build goes to .next-bench. Every child runs in
// its own process group and is killed on the way out, also on failure and on Ctrl-C.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import Database from 'better-sqlite3';

import { agent, load, percentile, timedGet, waitReady } from './bench-lib/http.mjs';
import { writeExtraPost } from './bench-lib/post.mjs';
import { killAllSync, rssSampler, run, start, stop, treeRss } from './bench-lib/proc.mjs';
import { CACHED_PAGES, evaluate, fmt, sizeTable, summaryTable } from './bench-lib/report.mjs';
import { guardTsconfig } from './bench-lib/tsconfig.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT); // Next, tsx and the relative paths below all expect the project root.
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- options

const USAGE = `usage: node scripts/bench.mjs [--quick] [--sizes 100,1000,10000,100000] [--duration S]
       [--connections N] [--samples N] [--port P] [--reuse] [--no-baseline] [--out FILE]`;

let args;
try {
  args = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string', default: '10' },
      samples: { type: 'string' },
      port: { type: 'string' },
      reuse: { type: 'boolean', default: false },
      'no-baseline': { type: 'boolean', default: false },
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

const positiveInt = (name, text) => {
  const n = Number(String(text).replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name}: expected a positive integer, got "${text}"\n${USAGE}`);
    process.exit(2);
  }
  return n;
};

const BASELINE = 100;
const sizes = (args.sizes ?? (args.quick ? '100,1000' : '100,1000,10000,100000'))
  .split(',')
  .filter(Boolean)
  .map((s) => positiveInt('sizes', s.trim()));
if (!args['no-baseline'] && !sizes.includes(BASELINE)) sizes.unshift(BASELINE);
const SIZES = [...new Set(sizes)].sort((a, b) => a - b);
const DURATION_S = positiveInt('duration', args.duration ?? (args.quick ? 3 : 10));
const CONNECTIONS = positiveInt('connections', args.connections);
const SAMPLES = positiveInt('samples', args.samples ?? 200);
const FIXED_PORT = args.port ? positiveInt('port', args.port) : null;

// The build goes to its own folder so it never clobbers `.next` or the e2e builds.
const DIST_DIR = '.next-bench';
const WORK = path.join(ROOT, '.data', 'bench');
const OUT_FILE = path.resolve(args.out);
// Same default as lib/site.ts: these newest articles are pre-rendered, so not "uncached".
const PRERENDER_POSTS = Number(process.env.PRERENDER_POSTS ?? 50);

const NEXT_BIN = require.resolve('next/dist/bin/next');
const TSX_CLI = require.resolve('tsx/cli');

// Generous ceilings: a stuck step must fail with a message, not hang the run forever.
const minutes = (m) => m * 60_000;
const TIMEOUT = {
  generate: (n) => minutes(5 + n / 10_000),
  index: (n) => minutes(5 + n / 10_000),
  build: (n) => minutes(20 + n / 5_000),
  ready: 120_000,
  request: 60_000,
};

// ---------------------------------------------------------------- lifecycle

const log = (msg) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

let restoreTsconfig = null;
const LOCK = path.join(WORK, '.lock');

function releaseLock() {
  try {
    if (fs.readFileSync(LOCK, 'utf8').trim() === String(process.pid)) fs.rmSync(LOCK);
  } catch {
    // not ours or already gone
  }
}

/** One benchmark at a time: two would share .next-bench and fight over the CPU. */
function takeLock() {
  fs.mkdirSync(WORK, { recursive: true });
  let other = null;
  try {
    other = Number(fs.readFileSync(LOCK, 'utf8')) || null;
  } catch {
    // no lock file
  }
  if (other && other !== process.pid && alive(other)) {
    throw new Error(`another benchmark (pid ${other}) is running; its lock is ${LOCK}`);
  }
  fs.writeFileSync(LOCK, String(process.pid));
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function cleanUpSync() {
  killAllSync();
  if (restoreTsconfig) for (const note of restoreTsconfig()) log(note);
  releaseLock();
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping every process the benchmark started`);
    cleanUpSync();
    process.exit(130);
  });
}
process.on('exit', cleanUpSync);

// ---------------------------------------------------------------- helpers

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Next's environment for one size: its content, its index, the bench's build folder. */
function nextEnv(dirs) {
  const env = {
    ...process.env,
    CONTENT_DIR: dirs.content,
    INDEX_FILE: dirs.index,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  delete env.NODE_ENV; // next build/start pick production themselves; an inherited value would warn
  delete env.PORT;
  return env;
}

async function reindex(dirs, n, label, files) {
  const { stdout } = await run(
    label,
    process.execPath,
    [
      TSX_CLI,
      '--conditions=react-server',
      'scripts/reindex.ts',
      dirs.content,
      '--index',
      dirs.index,
      ...(files ? ['--files', files.join(',')] : []),
    ],
    {
      env: { ...process.env, SITE_TIME_ZONE: process.env.SITE_TIME_ZONE ?? 'Asia/Shanghai' },
      logFile: dirs.log('index'),
      timeoutMs: TIMEOUT.index(n),
    },
  );
  const line = stdout.trim().split('\n').at(-1);
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`${label}: reindex.ts printed no JSON report (last line: ${line})`);
  }
}

/** A decoded URL path as it goes on the wire: each segment percent-encoded, slashes kept. */
const encodePath = (url) => url.split('/').map(encodeURIComponent).join('/');

function logTail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Lines of a log that look like trouble, deduplicated with counts (first 20 kinds). */
function logProblems(file) {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const counts = new Map();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!/(error|warn|⨯|⚠|exception|unhandled|fatal)/i.test(line)) continue;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].slice(0, 20).map(([line, count]) => ({ line: line.slice(0, 400), count }));
}

/** Next's own timings of its build steps, from its log, to see which one grows with the archive. */
function buildPhases(file) {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const seconds = (re) => {
    const m = re.exec(text);
    if (!m) return null;
    return Number(m[1]) * (m[2] === 'ms' ? 0.001 : m[2] === 'min' ? 60 : 1);
  };
  const pages = /Generating static pages[^(]*\((\d+)\/\1\)/.exec(text);
  return {
    compileS: seconds(/Compiled successfully in ([\d.]+)(ms|s|min)/),
    typescriptS: seconds(/Finished TypeScript in ([\d.]+)(ms|s|min)/),
    staticPagesS: seconds(/Generating static pages[^\n]*\(\d+\/\d+\) in ([\d.]+)(ms|s|min)/),
    staticPages: pages ? Number(pages[1]) : null,
  };
}

function contentIsReusable(dirs, n) {
  try {
    const marker = JSON.parse(fs.readFileSync(dirs.marker, 'utf8'));
    return marker.count === n && marker.generator === generatorStamp();
  } catch {
    return false;
  }
}

function generatorStamp() {
  const st = fs.statSync('scripts/gen-posts.mjs');
  return `${st.size}:${Math.trunc(st.mtimeMs)}`;
}

// ---------------------------------------------------------------- one size

async function measure(n, result, baseline) {
  const base = path.join(WORK, String(n));
  const dirs = {
    content: path.join(base, 'content'),
    index: path.join(base, 'index.sqlite'),
    marker: path.join(base, 'content.json'),
    log: (step) => path.join(base, `${step}.log`),
  };
  fs.mkdirSync(base, { recursive: true });
  for (const step of ['generate', 'index', 'build', 'server', 'reference'])
    fs.rmSync(dirs.log(step), { force: true });
  result.logs = base;

  // 1. The archive. gen-posts is deterministic, so --reuse may keep an earlier one of this size.
  if (args.reuse && contentIsReusable(dirs, n)) {
    // Earlier +1 posts would otherwise pile up; they are the files with a "B" serial slug.
    const posts = path.join(dirs.content, '_posts');
    for (const name of fs.readdirSync(posts))
      if (/-NW\d{8}B\d{7}\.md$/.test(name)) fs.rmSync(path.join(posts, name));
    log(`${fmt.int(n)} posts: reusing ${dirs.content}`);
    result.generateMs = null;
  } else {
    log(`${fmt.int(n)} posts: generating the archive`);
    fs.rmSync(dirs.content, { recursive: true, force: true });
    fs.rmSync(dirs.marker, { force: true });
    const gen = await run(
      'gen-posts',
      process.execPath,
      ['scripts/gen-posts.mjs', '--out', dirs.content, '--count', String(n)],
      {
        logFile: dirs.log('generate'),
        timeoutMs: TIMEOUT.generate(n),
      },
    );
    result.generateMs = gen.ms;
    fs.writeFileSync(dirs.marker, JSON.stringify({ count: n, generator: generatorStamp() }));
  }

  // 2. Indexing. Cold = no index file at all. The files were just written, so they are in the
  // page cache: this is the CPU cost of indexing, not a cold-disk read.
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${dirs.index}${suffix}`, { force: true });
  log(`${fmt.int(n)} posts: cold index`);
  const cold = await reindex(dirs, n, 'cold index');
  if (cold.added !== n)
    throw new Error(
      `cold index added ${cold.added} posts, expected ${n} (see ${dirs.log('index')})`,
    );
  const rescan = await reindex(dirs, n, 'rescan');
  const extra = writeExtraPost(dirs.content, n);
  const plusOne = await reindex(dirs, n, 'index +1 post');
  if (plusOne.added !== 1)
    throw new Error(`+1 post scan added ${plusOne.added} files, expected 1 (${extra})`);
  // The publish path: the webhook names the file, so only it is read (no walk of the folder).
  const extraNamed = writeExtraPost(dirs.content, n + 1);
  const plusOneNamed = await reindex(dirs, n, 'index +1 named post', [extraNamed]);
  result.index = {
    coldMs: cold.ms,
    rescanMs: rescan.ms,
    addOneMs: plusOne.ms,
    addOneNamedMs: plusOneNamed.ms,
    scanned: cold.scanned,
    errors: cold.errors,
    extraPost: extra,
  };
  log(
    `${fmt.int(n)} posts: cold ${fmt.ms(cold.ms)}, rescan ${fmt.ms(rescan.ms)}, +1 ${fmt.ms(plusOne.ms)}`,
  );

  // Search latency and uncached sitemap time, through the site's own modules on this index.
  const { stdout: searchOut } = await run(
    'search',
    process.execPath,
    ['scripts/bench-search.mjs', '--index', dirs.index, '--queries', args.quick ? '100' : '500'],
    { logFile: dirs.log('search'), timeoutMs: TIMEOUT.index(n) },
  );
  result.search = JSON.parse(searchOut.trim().split('\n').at(-1));
  log(
    `${fmt.int(n)} posts: search p50 ${fmt.ms(result.search.search?.p50)}, sitemap ${fmt.ms(result.search.sitemap?.rootMs)}`,
  );

  // 3. The build, from an empty build folder each time so every size pays the same compile.
  const rmStart = performance.now();
  fs.rmSync(DIST_DIR, { recursive: true, force: true });
  log(
    `${fmt.int(n)} posts: removed the previous build in ${fmt.ms(performance.now() - rmStart)}; next build (log: ${dirs.log('build')})`,
  );
  const env = nextEnv(dirs);
  restoreTsconfig = guardTsconfig(DIST_DIR);
  let build;
  try {
    build = await run('next build', process.execPath, [NEXT_BIN, 'build'], {
      env,
      logFile: dirs.log('build'),
      timeoutMs: TIMEOUT.build(n),
      rss: true,
    });
  } finally {
    for (const note of restoreTsconfig()) log(note);
    restoreTsconfig = null;
  }
  // Stray processes after the build's own exit would eat CPU during the server measurements.
  if (build.leftovers)
    log(`next build left processes behind; stopped them: ${build.leftovers.join('; ')}`);
  result.build = {
    wallMs: build.ms,
    peakRss: build.peakRss,
    ratioToBaseline: baseline ? build.ms / baseline : null,
    phases: buildPhases(dirs.log('build')),
    strayProcesses: build.leftovers,
    logProblems: logProblems(dirs.log('build')),
  };
  log(`${fmt.int(n)} posts: build ${fmt.ms(build.ms)}, peak RSS ${fmt.mb(build.peakRss)}`);

  // 4. The server.
  const port = FIXED_PORT ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  log(`${fmt.int(n)} posts: next start on ${origin} (log: ${dirs.log('server')})`);
  const server = start(
    'next start',
    process.execPath,
    [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      env,
      logFile: dirs.log('server'),
    },
  );
  let sampler = null;
  let homeHtml = null;
  try {
    const t0 = performance.now();
    const ready = await waitReady(origin, '/', {
      timeoutMs: TIMEOUT.ready,
      exited: server.exited,
    }).catch((error) => {
      throw new Error(
        `${error.message}; end of ${dirs.log('server')}:\n${logTail(dirs.log('server'))}`,
      );
    });
    result.server = {
      port,
      readyMs: performance.now() - t0,
      readyStatus: ready.status,
      rssAtReady: treeRss(server.pid),
    };
    sampler = rssSampler(server.pid, 250);

    await measureUncached(n, dirs, origin, result);
    homeHtml = await measureCached(dirs, origin, result);
    await measurePublish(n, dirs, origin, result);

    result.server.rssAfterLoad = treeRss(server.pid);
    // The sampler polls; the two direct readings may exceed what it happened to see.
    result.server.rssPeak =
      Math.max(
        sampler.stop() ?? 0,
        result.server.rssAfterLoad ?? 0,
        result.server.rssAtReady ?? 0,
      ) || null;
  } finally {
    sampler?.stop();
    agent.destroy(); // idle keep-alive sockets would hold the server's shutdown
    await stop(server);
    if (result.server) result.server.logProblems = logProblems(dirs.log('server'));
  }

  // 5. Reference: the same home HTML from a bare node:http server, after Next has stopped.
  if (homeHtml) await measureReference(dirs, base, homeHtml, result);
}

const WEBHOOK_SECRET = 'bench-webhook-secret';

/**
 * Commit to live: write one new post file, send the signed push webhook, and poll until its
 * article, home and category page all serve it. Timed from the write; a few rounds, median.
 */
async function measurePublish(n, dirs, origin, result) {
  const rounds = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const rel = writeExtraPost(dirs.content, 1_000_000 + i);
    const text = fs.readFileSync(path.join(dirs.content, rel), 'utf8');
    const title = /^title: "(.+)"$/m.exec(text)?.[1] ?? '';
    const category = (/^categories: (\S+)/m.exec(text)?.[1] ?? '').toLowerCase();
    const date = /^date: (\d{4})-(\d{2})-(\d{2})/m.exec(text);
    const slug = path.basename(rel, '.md').slice(11);
    const article = `/${category}/${date?.[1]}/${date?.[2]}/${date?.[3]}/${slug}.html`;
    const body = JSON.stringify({
      ref: 'refs/heads/main',
      commits: [{ added: [rel], modified: [], removed: [] }],
    });
    const signature = `sha256=${crypto.createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
    const hook = await fetch(`${origin}/api/revalidate`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-hub-signature-256': signature,
        'x-github-delivery': `bench-${Date.now()}-${i}`,
      },
    });
    const webhookMs = performance.now() - t0;
    if (hook.status !== 200)
      throw new Error(`webhook answered ${hook.status}: ${await hook.text()}`);
    const pages = [article, '/', `/category/${category}`];
    const live = new Set();
    while (live.size < pages.length) {
      if (performance.now() - t0 > 60_000)
        throw new Error(`new post not live after 60 s on ${pages.filter((p) => !live.has(p))}`);
      for (const p of pages) {
        if (live.has(p)) continue;
        const res = await timedGet(origin, p, { keepBody: true, useAgent: false });
        if (res.status === 200 && res.body.toString('utf8').includes(title)) live.add(p);
      }
    }
    rounds.push({ webhookMs, liveMs: performance.now() - t0 });
  }
  const live = rounds.map((r) => r.liveMs).sort((a, b) => a - b);
  result.publish = { rounds, liveMedianMs: live[Math.floor(live.length / 2)] };
  log(
    `${fmt.int(n)} posts: new post live in ${fmt.ms(result.publish.liveMedianMs)} (median of ${rounds.length})`,
  );
}

async function measureReference(dirs, base, html, result) {
  const file = path.join(base, 'home.html');
  fs.writeFileSync(file, html);
  const port = await freePort();
  const ref = start(
    'reference server',
    process.execPath,
    ['scripts/bench-lib/static-server.mjs', file, String(port)],
    {
      logFile: dirs.log('reference'),
    },
  );
  try {
    await waitReady(`http://127.0.0.1:${port}`, '/', { timeoutMs: 30_000, exited: ref.exited });
    log(
      `reference: node:http serving the same home HTML: ${DURATION_S} s × ${CONNECTIONS} connections`,
    );
    result.reference = {
      what: 'node:http answering every request with the home page HTML',
      ...(await load(`http://127.0.0.1:${port}/`, {
        connections: CONNECTIONS,
        durationS: DURATION_S,
      })),
    };
  } finally {
    await stop(ref);
  }
}

/** First requests of articles the build did not pre-render: index lookup, read, render, sanitize. */
async function measureUncached(n, dirs, origin, result) {
  const db = new Database(dirs.index, { readonly: true, fileMustExist: true });
  let urls;
  try {
    // Visible posts in the app's order (lib/content/index.ts), minus the newest PRERENDER_POSTS
    // that `next build` rendered; then a random sample, plus one for the warm-up request.
    urls = db
      .prepare(
        `SELECT url FROM (
           SELECT url FROM posts p
           WHERE p.date <= @now AND (p.shadowed_from IS NULL OR p.shadowed_from > @now)
           ORDER BY p.date DESC, p.path DESC LIMIT -1 OFFSET @skip)
         ORDER BY random() LIMIT @take`,
      )
      .pluck()
      .all({ now: Date.now(), skip: PRERENDER_POSTS, take: SAMPLES + 1 });
  } finally {
    db.close();
  }
  if (urls.length < 2)
    throw new Error(`only ${urls.length} articles beyond the ${PRERENDER_POSTS} pre-rendered ones`);

  // The first article request of a fresh process also loads the article route's code and the
  // sanitizer (jsdom): reported on its own so it does not skew the sample.
  const [firstUrl, ...sample] = urls;
  const first = await timedGet(origin, encodePath(firstUrl), { timeoutMs: TIMEOUT.request });
  log(
    `${fmt.int(n)} posts: first article ${fmt.ms(first.ms)} (${first.status}); ${sample.length} uncached articles`,
  );

  const times = [];
  const statuses = {};
  const cacheHeaders = {};
  const failures = [];
  for (const url of sample) {
    const r = await timedGet(origin, encodePath(url), { timeoutMs: TIMEOUT.request });
    times.push(r.ms);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    cacheHeaders[r.cache ?? 'none'] = (cacheHeaders[r.cache ?? 'none'] ?? 0) + 1;
    if (r.status !== 200 && failures.length < 5) failures.push({ url, status: r.status });
  }
  const slowest = times
    .map((ms, i) => ({ url: sample[i], ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  result.uncached = {
    first: { url: firstUrl, status: first.status, ms: first.ms, cache: first.cache },
    count: times.length,
    p50Ms: percentile(times, 50),
    p90Ms: percentile(times, 90),
    p99Ms: percentile(times, 99),
    maxMs: Math.max(...times),
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    statuses,
    cacheHeaders,
    failures,
    slowest,
    cachedArticle: sample.at(-1),
  };
  if (failures.length)
    log(`uncached articles: non-200 answers ${JSON.stringify(statuses)}, e.g. ${failures[0].url}`);
}

/** Throughput of pages already in the ISR cache, one autocannon run each; returns the home HTML. */
async function measureCached(dirs, origin, result) {
  const db = new Database(dirs.index, { readonly: true, fileMustExist: true });
  let category;
  let tag;
  try {
    const top = (kind) =>
      db
        .prepare(
          `SELECT key, MIN(name) AS name, COUNT(*) AS n FROM terms WHERE kind = ? GROUP BY key ORDER BY n DESC, key LIMIT 1`,
        )
        .get(kind);
    category = top('category');
    tag = top('tag');
  } finally {
    db.close();
  }
  if (!category || !tag) throw new Error('the index holds no category or no tag');
  const paths = {
    home: '/',
    // Same hrefs as lib/format.ts: categories by lower-cased name, tags by name.
    category: `/category/${encodeURIComponent(category.key)}`,
    tag: `/tag/${encodeURIComponent(tag.name)}`,
    article: encodePath(result.uncached.cachedArticle),
  };
  result.cached = {};
  let homeHtml = null;
  for (const page of CACHED_PAGES) {
    const p = paths[page];
    // Warm twice: the first may render (or revalidate), the second should come from the cache.
    await timedGet(origin, p, { timeoutMs: TIMEOUT.request });
    const warm = await timedGet(origin, p, {
      timeoutMs: TIMEOUT.request,
      keepBody: page === 'home',
    });
    if (warm.status !== 200) throw new Error(`${page} page ${p} answered ${warm.status}, not 200`);
    log(`cached ${page} ${decodeURIComponent(p)}: ${DURATION_S} s × ${CONNECTIONS} connections`);
    const r = await load(origin + p, { connections: CONNECTIONS, durationS: DURATION_S });
    result.cached[page] = {
      path: p,
      warmCacheHeader: warm.cache,
      warmMs: warm.ms,
      bytes: warm.bytes,
      ...r,
    };
    if (page === 'home') homeHtml = warm.body; // for the reference run
  }
  // Browsers send Accept-Encoding, and Next then compresses every response anew: the home page
  // once more as a browser would fetch it (no target; it shows what compression costs).
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  const warm = await timedGet(origin, '/', { timeoutMs: TIMEOUT.request });
  if (warm.status !== 200) throw new Error(`home page answered ${warm.status}, not 200`);
  log(`cached home with Accept-Encoding: ${DURATION_S} s × ${CONNECTIONS} connections`);
  result.cachedCompressed = {
    home: {
      path: '/',
      ...(await load(`${origin}/`, { connections: CONNECTIONS, durationS: DURATION_S, headers })),
    },
  };
  return homeHtml;
}

// ---------------------------------------------------------------- main

function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    totalMemoryMB: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    next: require('next/package.json').version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

function writeJson(report) {
  fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  fs.writeFileSync(OUT_FILE, `${JSON.stringify(report, null, 2)}\n`);
}

async function main() {
  takeLock();
  const report = {
    startedAt: new Date().toISOString(),
    finishedAt: null,
    machine: machine(),
    options: {
      quick: args.quick,
      sizes: SIZES,
      autocannon: { connections: CONNECTIONS, durationS: DURATION_S },
      uncachedSamples: SAMPLES,
      prerenderPosts: PRERENDER_POSTS,
      distDir: DIST_DIR,
      notes: [
        'index times are scanContent() ms reported by scripts/reindex.ts (process start-up excluded); files are in the page cache',
        'next build runs on the index pre-warmed by the reindex step (it only re-stats the files), from an empty build folder',
        'RSS figures sum VmRSS over the whole process tree (shared pages counted once per process)',
        'load generator (autocannon) runs on the same machine as the server',
      ],
    },
    sizes: [],
  };
  log(
    `sizes ${SIZES.join(', ')}; ${DURATION_S} s load runs, ${CONNECTIONS} connections; results → ${path.relative(ROOT, OUT_FILE)}`,
  );

  let baselineMs = null;
  let failed = false;
  for (const n of SIZES) {
    const result = { posts: n, loadAverageBefore: loadAverage() };
    // Other work on the machine slows every figure down; say so rather than print quiet numbers.
    if (result.loadAverageBefore[0] > report.machine.nproc / 2) {
      log(
        `warning: load average ${result.loadAverageBefore.join(' ')} on ${report.machine.nproc} CPUs: other processes compete with the benchmark`,
      );
    }
    report.sizes.push(result);
    try {
      await measure(n, result, n === BASELINE ? null : baselineMs);
      if (n === BASELINE) {
        baselineMs = result.build.wallMs;
        result.build.ratioToBaseline = 1;
      }
    } catch (error) {
      failed = true;
      result.error = error instanceof Error ? error.message : String(error);
      log(`${fmt.int(n)} posts FAILED: ${result.error}`);
    }
    result.loadAverageAfter = loadAverage();
    result.targets = evaluate(result);
    writeJson(report); // after every size, so a later failure keeps what was measured
    console.log(`\n== ${fmt.int(n)} posts ==\n${sizeTable(result)}`);
    for (const { line, count } of result.server?.logProblems ?? [])
      console.log(`  server log (${count}x): ${line}`);
    for (const { line, count } of result.build?.logProblems ?? [])
      console.log(`  build log (${count}x): ${line}`);
  }

  report.finishedAt = new Date().toISOString();
  writeJson(report);
  const m = report.machine;
  console.log(`\n== targets (stated for 100,000 posts; smaller sizes show the trend) ==`);
  console.log(summaryTable(report.sizes));
  console.log(
    `\nmachine: ${m.nproc} CPUs (${m.cpuModel}), ${fmt.int(m.totalMemoryMB)} MB, Node ${m.node}, Next ${m.next}`,
  );
  console.log(
    `results: ${path.relative(ROOT, OUT_FILE)}; logs: ${path.relative(ROOT, WORK)}/<size>/`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
