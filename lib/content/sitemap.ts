// Every URL a search engine should know, in one stable order: home, the two term indexes, each
// category and tag page, the site-wide date archives (each year, its months, their days), then
// every visible article oldest first (so new posts only ever change the last sitemap file).
// Read in slices of at most SITEMAP_MAX_URLS for sitemap files.
import 'server-only';

import { archiveHref } from '@/lib/archive-paths';
import { archiveDays } from '@/lib/content/archive';
import { cached, termKey, type ContentIndex } from '@/lib/content/db';
import { locate, termCounts, visibleTotal } from '@/lib/content/counts';
import { VISIBLE, VISIBLE_TERM } from '@/lib/content/rows';
import { articleHref, homeHref } from '@/lib/format';
import { termHref } from '@/lib/terms';
import type { TermKind } from '@/lib/types';

/** Search engines accept 50,000 URLs per sitemap file; this leaves room. */
export const SITEMAP_MAX_URLS = 45_000;

/** A URL path (percent-encoded, as in an href) and when its content last changed (ms). */
export type SitemapUrl = { path: string; lastmod: number };

export type SitemapPlan = {
  /** Every URL, all files together. */
  total: number;
  /** One entry per sitemap file: when its newest URL changed. */
  files: { lastmod: number }[];
};

/** A URL path that percent-encoding leaves as it is (most of them): skip the encoder. */
const PLAIN = /^[\w\-.~/]*$/;

type TermRow = { kind: TermKind; name: string; lastmod: number };

function terms(index: ContentIndex, now: number): TermRow[] {
  // Each term's newest visible post is one seek at the end of its part of `terms`.
  const newestOf = cached(
    index.db,
    `SELECT t.date FROM terms t WHERE t.kind = @kind AND t.key = @key AND ${VISIBLE_TERM}
       ORDER BY t.date DESC LIMIT 1`,
  ).pluck();
  const rows: TermRow[] = [];
  for (const kind of ['category', 'tag'] as const) {
    for (const t of termCounts(index, kind, now)) {
      const lastmod = (newestOf.get({ kind, key: t.key, now }) as number | undefined) ?? 0;
      rows.push({ kind, name: t.name, lastmod });
    }
  }
  return rows.sort((a, b) =>
    a.kind === b.kind ? (termKey(a.name) < termKey(b.name) ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
}

function newest(index: ContentIndex, now: number): number {
  return (cached(index.db, `SELECT MAX(p.date) FROM posts p WHERE p.date <= @now`)
    .pluck()
    .get({ now }) ?? 0) as number;
}

/** Each year, month and day with visible posts, oldest first, each year before its months and days. */
function datePages(index: ContentIndex, now: number): SitemapUrl[] {
  const urls: SitemapUrl[] = [];
  const holders = new Map<string, SitemapUrl>();
  for (const { day, lastmod } of archiveDays(index, { now })) {
    for (const range of [
      { unit: 'year', year: day.year } as const,
      { unit: 'month', year: day.year, month: day.month } as const,
      day,
    ]) {
      const path = archiveHref(range);
      const known = holders.get(path);
      // Days come oldest first: a year's or month's newest post is its last day's.
      if (known) {
        known.lastmod = lastmod;
        continue;
      }
      const url = { path, lastmod };
      holders.set(path, url);
      urls.push(url);
    }
  }
  return urls;
}

/** The URLs before the articles: home, /categories, /tags, each category and tag, the date pages. */
function fixedUrls(index: ContentIndex, now: number): SitemapUrl[] {
  const latest = newest(index, now);
  const rows = terms(index, now);
  const newestOf = (kind: TermRow['kind']) =>
    Math.max(0, ...rows.filter((r) => r.kind === kind).map((r) => r.lastmod));
  return [
    { path: homeHref(), lastmod: latest },
    { path: '/categories', lastmod: newestOf('category') },
    { path: '/tags', lastmod: newestOf('tag') },
    ...rows.map((r) => ({
      path: termHref(r),
      lastmod: r.lastmod,
    })),
    ...datePages(index, now),
  ];
}

/** `limit` visible articles from position `offset`, oldest first, located by the day counts. */
function articles(index: ContentIndex, now: number, offset: number, limit: number): SitemapUrl[] {
  if (limit <= 0) return [];
  const at = locate(index, null, now, offset, 'oldest');
  if (!at) return [];
  const rows = cached(
    index.db,
    `SELECT p.url, p.date FROM posts p WHERE ${VISIBLE} AND p.date >= @bound
       ORDER BY p.date, p.path LIMIT @limit OFFSET @skip`,
  ).all({ now, limit, bound: at.bound, skip: at.skip }) as { url: string; date: number }[];
  return rows.map((r) => ({
    path: PLAIN.test(r.url) ? r.url : articleHref(r.url),
    lastmod: r.date,
  }));
}

/** How many URLs there are and how they split into files of at most `max`. */
export function sitemapPlan(index: ContentIndex, now: number, max = SITEMAP_MAX_URLS): SitemapPlan {
  const fixed = fixedUrls(index, now);
  const total = fixed.length + visibleTotal(index, null, now);
  const count = Math.max(1, Math.ceil(total / max));
  const files = Array.from({ length: count }, (_, i) => {
    const end = Math.min(total, (i + 1) * max);
    // Articles are oldest first, so a file's newest article is its last; home is the newest URL.
    if (i * max < fixed.length) return { lastmod: fixed[0]?.lastmod ?? 0 };
    const last = articles(index, now, end - 1 - fixed.length, 1)[0];
    return { lastmod: last?.lastmod ?? 0 };
  });
  return { total, files };
}

/** The URLs at positions [offset, offset + limit) of the order above. */
export function sitemapUrls(
  index: ContentIndex,
  opts: { now: number; offset: number; limit: number },
): SitemapUrl[] {
  const { now, offset, limit } = opts;
  const fixed = fixedUrls(index, now);
  const head = fixed.slice(offset, offset + limit);
  const from = Math.max(0, offset - fixed.length);
  return [...head, ...articles(index, now, from, limit - head.length)];
}
