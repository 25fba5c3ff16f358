// The in-process half of scripts/bench-search.mjs: opens a built index, samples realistic queries
// from its own posts, times lib/content/search.ts on them and the sitemap modules on the whole
// archive (uncached: straight calls, no ISR), and prints one line of JSON.
//   npx tsx --conditions=react-server scripts/bench-search-worker.ts --index FILE
//       [--queries N] [--seed S] [--print-queries]
import { parseArgs } from 'node:util';

import Database from 'better-sqlite3';

import type { ContentIndex } from '@/lib/content/db';
import { searchPosts } from '@/lib/content/search';
import { ensureSearchSchema } from '@/lib/content/search-schema';
import { SITEMAP_MAX_URLS, sitemapPlan, sitemapUrls } from '@/lib/content/sitemap';
import { sitemapFilePath, sitemapIndexXml, urlsetXml } from '@/lib/sitemap-xml';

type Query = { kind: string; q: string };

function rng(seed: number) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const WORD = /^[\p{L}\p{N}]+$/u;

/** Substrings of real posts, the way readers type: mostly two to four characters. */
function sampleQueries(db: Database.Database, count: number, seed: number): Query[] {
  const random = rng(seed);
  const { lo, hi } = db.prepare('SELECT MIN(rowid) AS lo, MAX(rowid) AS hi FROM posts').get() as {
    lo: number | null;
    hi: number | null;
  };
  if (lo === null || hi === null) return [];
  const byRowid = db.prepare(
    'SELECT title, substr(text, 1, 600) AS text FROM posts WHERE rowid >= ? ORDER BY rowid LIMIT 1',
  );
  const piece = (length: number): string | null => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const row = byRowid.get(lo + Math.floor(random() * (hi - lo + 1))) as
        { title: string; text: string } | undefined;
      if (!row) continue;
      const chars = Array.from(random() < 0.5 ? row.title : row.text);
      if (chars.length < length) continue;
      const at = Math.floor(random() * (chars.length - length + 1));
      const word = chars.slice(at, at + length).join('');
      if (WORD.test(word)) return word;
    }
    return null;
  };
  const out: Query[] = [];
  while (out.length < count) {
    const r = random();
    let query: Query | null = null;
    if (r < 0.1) query = { kind: '1 char', q: piece(1) ?? '' };
    else if (r < 0.5) query = { kind: '2 chars', q: piece(2) ?? '' };
    else if (r < 0.85) query = { kind: '3-4 chars', q: piece(3 + Math.floor(random() * 2)) ?? '' };
    else if (r < 0.95)
      query = { kind: 'two terms', q: `${piece(2) ?? ''} ${piece(3) ?? ''}`.trim() };
    else query = { kind: 'no match', q: `龘靐${Math.floor(random() * 1000)}` };
    if (query.q) out.push(query);
  }
  return out;
}

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    n: sorted.length,
    p50: round(at(50)),
    p90: round(at(90)),
    p99: round(at(99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
  };
}

function main(): number {
  const { values } = parseArgs({
    options: {
      index: { type: 'string' },
      queries: { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
      'print-queries': { type: 'boolean', default: false },
    },
  });
  if (!values.index) {
    console.error(
      'usage: bench-search-worker.ts --index FILE [--queries N] [--seed S] [--print-queries]',
    );
    return 2;
  }
  const db = new Database(values.index, { timeout: 15_000 });
  const meta = Object.fromEntries(
    (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map(
      (r) => [r.key, r.value],
    ),
  );
  const index: ContentIndex = {
    db,
    contentDir: meta.content_dir ?? '',
    timeZone: meta.time_zone ?? 'Asia/Shanghai',
    aliasZones: [],
  };
  const started = performance.now();
  ensureSearchSchema(db);
  const schemaMs = performance.now() - started;
  const queries = sampleQueries(db, Number(values.queries), Number(values.seed));
  if (values['print-queries']) {
    console.log(JSON.stringify(queries));
    return 0;
  }

  const now = Date.now();
  const posts = db.prepare('SELECT COUNT(*) FROM posts').pluck().get() as number;
  // Warm the page cache and statements the way a running server would be.
  for (const { q } of queries.slice(0, 20))
    searchPosts(index, { terms: q.split(' '), page: 1, size: 20, now });
  const times: { kind: string; ms: number; total: number }[] = [];
  for (const { kind, q } of queries) {
    const t = performance.now();
    const result = searchPosts(index, { terms: q.split(' '), page: 1, size: 20, now });
    times.push({ kind, ms: performance.now() - t, total: result?.total ?? 0 });
  }
  const byKind = Object.fromEntries(
    [...new Set(times.map((t) => t.kind))].map((kind) => [
      kind,
      stats(times.filter((t) => t.kind === kind).map((t) => t.ms)),
    ]),
  );

  let t = performance.now();
  const plan = sitemapPlan(index, now);
  const root =
    plan.files.length === 1
      ? urlsetXml(sitemapUrls(index, { now, offset: 0, limit: SITEMAP_MAX_URLS }))
      : sitemapIndexXml(
          plan.files.map((f, i) => ({ path: sitemapFilePath(i + 1), lastmod: f.lastmod })),
        );
  const sitemapMs = performance.now() - t;
  t = performance.now();
  const first = urlsetXml(sitemapUrls(index, { now, offset: 0, limit: SITEMAP_MAX_URLS }));
  const fileMs = performance.now() - t;

  console.log(
    JSON.stringify({
      index: values.index,
      posts,
      schemaMs: Math.round(schemaMs),
      search: {
        ...stats(times.map((x) => x.ms)),
        byKind,
        zeroResults: times.filter((x) => x.total === 0).length,
      },
      sitemap: {
        urls: plan.total,
        files: plan.files.length,
        rootMs: Math.round(sitemapMs),
        rootBytes: root.length,
        fileMs: Math.round(fileMs),
        fileBytes: first.length,
      },
    }),
  );
  db.close();
  return 0;
}

process.exitCode = main();
