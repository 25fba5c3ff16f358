#!/usr/bin/env node
// Search and sitemap timings on a built index (DESIGN §7: search p50 < 50 ms on 100,000 posts).
//   node scripts/bench-search.mjs --index FILE [--queries N] [--seed S]
//       in-process, through lib/content/search.ts and lib/content/sitemap.ts (via tsx): query
//       latency p50/p90/p99 by kind of query, and the uncached time to produce /sitemap.xml and
//       one full sitemap file;
//   node scripts/bench-search.mjs --url http://127.0.0.1:PORT [--index FILE] [--queries N]
//       over HTTP against a running server: GET /search?q=… one at a time (search pages are never
//       cached), then /sitemap.xml and /sitemaps/1.xml as served. Queries are sampled from the
//       index when one is given, else taken from a fixed list of finance words.
// Prints one line of JSON on stdout (progress on stderr). Exit 1 on failure, 2 on bad usage.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'usage: node scripts/bench-search.mjs (--index FILE | --url URL [--index FILE]) [--queries N] [--seed S]';
const FALLBACK_WORDS = [
  '经济',
  '银行',
  '新能源汽车',
  '基金',
  '利率',
  '股市',
  '人民币',
  '央行',
  '出口',
  '芯片',
  '锂',
  '光伏组件',
  '房地产 政策',
  '证券',
  '消费',
];

let values;
try {
  ({ values } = parseArgs({
    options: {
      index: { type: 'string' },
      url: { type: 'string' },
      queries: { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help || (!values.index && !values.url)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
if (values.url && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(values.url)) {
  console.error(`--url must be a loopback server, e.g. http://127.0.0.1:3000 (got ${values.url})`);
  process.exit(2);
}

/** Runs the tsx worker and returns its JSON output. */
function worker(extra) {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const args = [
    tsx,
    '--conditions=react-server',
    'scripts/bench-search-worker.ts',
    '--index',
    path.resolve(values.index),
    '--queries',
    values.queries,
    '--seed',
    values.seed,
    ...extra,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench-search-worker exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? ''));
      } catch (error) {
        reject(new Error(`bench-search-worker printed no JSON: ${error.message}`));
      }
    });
  });
}

function stats(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const round = (n) => Math.round(n * 100) / 100;
  return {
    n: sorted.length,
    p50: round(at(50)),
    p90: round(at(90)),
    p99: round(at(99)),
    max: round(sorted.at(-1) ?? 0),
  };
}

async function timedGet(base, pathAndQuery) {
  const t = performance.now();
  const response = await fetch(new URL(pathAndQuery, base), { redirect: 'manual' });
  const body = await response.text();
  return { ms: performance.now() - t, status: response.status, bytes: body.length };
}

async function overHttp() {
  const queries = values.index
    ? await worker(['--print-queries'])
    : Array.from({ length: Number(values.queries) }, (_, i) => ({
        kind: 'word list',
        q: FALLBACK_WORDS[i % FALLBACK_WORDS.length],
      }));
  const base = values.url;
  await timedGet(base, '/search?q=warmup');
  const times = [];
  const failures = [];
  for (const { kind, q } of queries) {
    const r = await timedGet(base, `/search?q=${encodeURIComponent(q)}`);
    if (r.status !== 200) failures.push({ q, status: r.status });
    times.push({ kind, ms: r.ms });
  }
  const byKind = Object.fromEntries(
    [...new Set(times.map((t) => t.kind))].map((k) => [
      k,
      stats(times.filter((t) => t.kind === k).map((t) => t.ms)),
    ]),
  );
  const sitemap = await timedGet(base, '/sitemap.xml');
  const file = await timedGet(base, '/sitemaps/1.xml');
  return {
    url: base,
    search: {
      ...stats(times.map((t) => t.ms)),
      byKind,
      failures: failures.slice(0, 10),
      failed: failures.length,
    },
    sitemap: { status: sitemap.status, ms: Math.round(sitemap.ms), bytes: sitemap.bytes },
    sitemapFile: { status: file.status, ms: Math.round(file.ms), bytes: file.bytes },
  };
}

try {
  const result = values.url ? await overHttp() : await worker([]);
  const s = result.search;
  console.error(
    `search: ${s.n} queries, p50 ${s.p50} ms, p90 ${s.p90} ms, p99 ${s.p99} ms, max ${s.max} ms (target p50 < 50 ms)`,
  );
  if (result.sitemap?.rootMs !== undefined) {
    console.error(
      `sitemap: ${result.sitemap.urls} URLs in ${result.sitemap.files} file(s); /sitemap.xml ${result.sitemap.rootMs} ms, one file ${result.sitemap.fileMs} ms (uncached)`,
    );
  }
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(`bench-search failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
}
