// What the index answers: lists of visible posts (home, a category, a tag), the taxonomies with
// their counts, an article by URL or slug, the newest URLs, one post file read again for its
// body, and every recorded problem. Synchronous reads of an open index.
import 'server-only';

import { cached, type ContentIndex } from '@/lib/content/db';
import { urlKey } from '@/lib/content/permalink';
import {
  locate,
  termCounts,
  termDisplayName,
  visibleDays,
  visibleTotal,
  type ListTerm,
} from '@/lib/content/counts';
import { dayOf, dayStart, nextDay } from '@/lib/content/days';
import {
  listSource,
  META_COLUMNS,
  paginate,
  toMeta,
  VISIBLE,
  type MetaRow,
} from '@/lib/content/rows';
import type { ContentError, Page, PostMeta, TermCount, TermKind } from '@/lib/types';

/**
 * One page of the newest visible posts, or of one category's or tag's; null when the page does
 * not exist. Page N starts where lib/content/counts.ts locates it from the per-day counts, so
 * page 40,000 costs what page 2 does.
 */
export function listPosts(
  index: ContentIndex,
  opts: { page: number; size: number; now: number; term?: ListTerm },
): Page<PostMeta> | null {
  const { page, size, now, term } = opts;
  if (!Number.isInteger(page) || page < 1) return null;
  const total = visibleTotal(index, term, now);
  const { pages, offset } = paginate(total, page, size);
  if (page > pages || (term && total === 0)) return null;
  const { from, keyedFrom, order, before, params } = listSource(term, now);
  const at = offset === 0 ? null : locate(index, term, now, offset);
  if (offset > 0 && !at) return null;
  const rows = (
    at
      ? cached(
          index.db,
          `SELECT ${META_COLUMNS} ${keyedFrom} AND ${before} ORDER BY ${order} LIMIT @size OFFSET @skip`,
        ).all({ ...params, size, bound: at.bound, skip: at.skip })
      : cached(index.db, `SELECT ${META_COLUMNS} ${from} ORDER BY ${order} LIMIT @size`).all({
          ...params,
          size,
        })
  ) as MetaRow[];
  return { items: rows.map(toMeta), page, pages, total };
}

/** The newest visible posts of a list (home, a category, a tag): one read of an index. */
export function newestPosts(
  index: ContentIndex,
  term: ListTerm,
  opts: { now: number; limit: number },
): PostMeta[] {
  const { from, order, params } = listSource(term, opts.now);
  const rows = cached(
    index.db,
    `SELECT ${META_COLUMNS} ${from} ORDER BY ${order} LIMIT @limit`,
  ).all({ ...params, limit: opts.limit }) as MetaRow[];
  return rows.map(toMeta);
}

/**
 * How many visible posts of a list come before (are newer than) a post at (date, path): the
 * days after its day from the counts, then the posts of its own day.
 */
export function countBefore(
  index: ContentIndex,
  term: ListTerm,
  at: { date: number; path: string },
  now: number,
): number {
  const day = dayOf(at.date, index.timeZone);
  let before = 0;
  for (const d of visibleDays(index, term, now, 'newest', { from: nextDay(day) })) {
    before += d.count;
  }
  // The day's bounds are the range (listSource: `keyedFrom`).
  const { keyedFrom: from, params } = listSource(term, now);
  const date = term ? 't.date' : 'p.date';
  const path = term ? 't.path' : 'p.path';
  const sameDay = cached(
    index.db,
    `SELECT COUNT(*) ${from} AND ${date} >= @start AND ${date} < @end
       AND (${date} > @date OR (${date} = @date AND ${path} > @path))`,
  )
    .pluck()
    .get({
      ...params,
      start: dayStart(day, index.timeZone),
      end: dayStart(nextDay(day), index.timeZone),
      date: at.date,
      path: at.path,
    }) as number;
  return before + sameDay;
}

/** Every category or tag with its number of visible posts, most used first. */
export function listTerms(index: ContentIndex, kind: TermKind, now: number): TermCount[] {
  return termCounts(index, kind, now);
}

/** The display name of a category or tag, or null when no visible post carries it. */
export function termName(
  index: ContentIndex,
  kind: TermKind,
  name: string,
  now: number,
): string | null {
  return termDisplayName(index, kind, name, now);
}

export type Lookup = { kind: 'post'; path: string } | { kind: 'redirect'; url: string } | null;

/** Resolves a decoded URL path to the post serving it, or to the post it is an alias of (an old URL). */
export function lookupUrl(index: ContentIndex, url: string, now: number): Lookup {
  const key = urlKey(url);
  const hit = cached(
    index.db,
    `SELECT p.path FROM posts p WHERE p.url_key = @key AND ${VISIBLE} ORDER BY p.path LIMIT 1`,
  )
    .pluck()
    .get({ key, now }) as string | undefined;
  if (hit) return { kind: 'post', path: hit };
  const old = cached(
    index.db,
    `SELECT p.url FROM aliases a JOIN posts p ON p.path = a.path
       WHERE a.key = @key AND ${VISIBLE} ORDER BY p.path LIMIT 1`,
  )
    .pluck()
    .get({ key, now }) as string | undefined;
  return old ? { kind: 'redirect', url: old } : null;
}

/** The URL of the visible post with this slug (old share links carry only the slug). */
export function urlForSlug(index: ContentIndex, slug: string, now: number): string | null {
  const url = cached(
    index.db,
    `SELECT p.url FROM posts p WHERE p.slug = @slug AND ${VISIBLE} ORDER BY p.date DESC, p.path LIMIT 1`,
  )
    .pluck()
    .get({ slug, now }) as string | undefined;
  return url ?? null;
}

/** Newest visible post URLs, for pre-rendering at build time. */
export function newestUrls(index: ContentIndex, limit: number, now: number): string[] {
  return cached(
    index.db,
    `SELECT p.url FROM posts p WHERE ${VISIBLE} ORDER BY p.date DESC, p.path DESC LIMIT @limit`,
  )
    .pluck()
    .all({ now, limit }) as string[];
}

/** An indexed post as an article page shows it: its metadata and what identifies its body. */
export type IndexedArticle = PostMeta & { id: number; bodyLine: number; bodyHash: string };

/** The visible post stored for `path`, without its body (lib/render-cache.ts renders that). */
export function readIndexedPost(index: ContentIndex, path: string): IndexedArticle | null {
  const row = cached(
    index.db,
    `SELECT ${META_COLUMNS}, p.id, p.body_line, p.body_hash FROM posts p WHERE p.path = ?`,
  ).get(path) as (MetaRow & { id: number; body_line: number; body_hash: string }) | undefined;
  if (!row) return null;
  return { ...toMeta(row), id: row.id, bodyLine: row.body_line, bodyHash: row.body_hash };
}

/** Every recorded problem, errors first, for logs and the checker. */
export function listProblems(index: ContentIndex): ContentError[] {
  return cached(
    index.db,
    `SELECT path AS file, line, message, severity FROM problems
       ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, path, line`,
  ).all() as ContentError[];
}
