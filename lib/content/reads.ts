// What the index answers: lists of visible posts (home, a category, a tag), the taxonomies with
// their counts, an article by URL or slug, the newest URLs, one post file read again for its
// body, and every recorded problem. Synchronous reads of an open index.
import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import { cached, type ContentIndex } from '@/lib/content/db';
import { parsePost } from '@/lib/content/parse';
import { urlKey } from '@/lib/content/permalink';
import {
  listSource,
  META_COLUMNS,
  paginate,
  toMeta,
  VISIBLE,
  VISIBLE_TERM,
  type ListTerm,
  type MetaRow,
} from '@/lib/content/rows';
import type { ContentError, Page, Post, PostMeta, TermCount, TermKind } from '@/lib/types';

/** Newest visible posts, or those of one category or tag; null when the page does not exist. */
export function listPosts(
  index: ContentIndex,
  opts: { page: number; size: number; now: number; term?: ListTerm },
): Page<PostMeta> | null {
  const { page, size, now, term } = opts;
  if (!Number.isInteger(page) || page < 1) return null;
  const { from, order, count, params } = listSource(term, now);
  const total = cached(index.db, count).pluck().get(params) as number;
  const { pages, offset } = paginate(total, page, size);
  if (page > pages || (term && total === 0)) return null;
  const rows = cached(
    index.db,
    `SELECT ${META_COLUMNS} ${from} ORDER BY ${order} LIMIT @size OFFSET @offset`,
  ).all({ ...params, size, offset }) as MetaRow[];
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

/** How many visible posts of a list come before a post at (date, path). */
export function countBefore(
  index: ContentIndex,
  term: ListTerm,
  at: { date: number; path: string },
  now: number,
): number {
  const { from, params } = listSource(term, now);
  const before = '(p.date > @date OR (p.date = @date AND p.path > @path))';
  return cached(index.db, `SELECT COUNT(*) ${from} AND ${before}`)
    .pluck()
    .get({ ...params, date: at.date, path: at.path }) as number;
}

/** Every category or tag with its number of visible posts, most used first. */
export function listTerms(index: ContentIndex, kind: TermKind, now: number): TermCount[] {
  return cached(
    index.db,
    `SELECT MIN(t.name) AS name, t.key AS key, COUNT(*) AS count FROM terms t
       WHERE t.kind = @kind AND ${VISIBLE_TERM} GROUP BY t.key ORDER BY count DESC, t.key`,
  ).all({ kind, now }) as TermCount[];
}

/** The display name of a category or tag, or null when no visible post carries it. */
export function termName(
  index: ContentIndex,
  kind: TermKind,
  name: string,
  now: number,
): string | null {
  const { from, params } = listSource({ kind, name }, now);
  const found = cached(index.db, `SELECT MIN(t.name) ${from}`).pluck().get(params) as string | null;
  return found ?? null;
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

/**
 * Reads and parses one post file again, for its body; `drafts`: also an unpublished one (an
 * editor's preview).
 */
export function readPost(index: ContentIndex, rel: string, drafts = false): Post | null {
  const abs = path.join(index.contentDir, rel);
  if (!abs.startsWith(index.contentDir + path.sep)) return null;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch {
    return null;
  }
  const result = parsePost(rel, bytes, { timeZone: index.timeZone });
  return result.ok && (drafts || result.post.published) ? result.post : null;
}

/** Every recorded problem, errors first, for logs and the checker. */
export function listProblems(index: ContentIndex): ContentError[] {
  return cached(
    index.db,
    `SELECT path AS file, line, message, severity FROM problems
       ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, path, line`,
  ).all() as ContentError[];
}
