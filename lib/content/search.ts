// Search over the visible posts, every term a case-insensitive substring of the title or text:
// through the FTS5 trigram index, ranked by bm25 with the title weighted above the text. A term
// shorter than a trigram becomes the trigrams it starts; a very common one, a plain filter.
import 'server-only';

import type Database from 'better-sqlite3';

import { cached, type ContentIndex } from '@/lib/content/db';
import { ensureSearchSchema } from '@/lib/content/search-schema';
import { HIDDEN_ROWIDS, META_COLUMNS, toMeta, VISIBLE, type MetaRow } from '@/lib/content/rows';
import { snippetAround } from '@/lib/search-query';
import type { SearchHit, SearchPage } from '@/lib/types';

/** Counting stops here: past it a query is "more than N results" and pages end. */
export const RESULT_CAP = 1000;
const TRIGRAM = 3;
/** A short term that starts more distinct trigrams than this is common: it filters instead. */
const MAX_EXPANSION = 400;
/** A title hit weighs this many times a text hit in bm25. */
const TITLE_WEIGHT = 5;

type Row = MetaRow & { rowid: number; around: string; start: number; length: number };

/** An FTS5 string literal: the term matched as a substring, whatever characters it holds. */
function phrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** instr() is case-sensitive: terms with Latin letters compare lower-cased (SQLite folds ASCII only). */
function folds(term: string): boolean {
  return /[A-Za-z]/.test(term);
}

/**
 * The indexed trigrams that start with a one- or two-character term (every occurrence starts
 * one: see lib/content/search-schema.ts), or null when there are too many to list in a query.
 */
function trigramsStarting(db: Database.Database, term: string, max: number): string[] | null {
  const key = term.toLowerCase();
  const found = cached(
    db,
    `SELECT term FROM posts_fts_vocab WHERE term >= @key AND term < @key || char(1114111) LIMIT @max`,
  )
    .pluck()
    .all({ key, max: max + 1 }) as string[];
  return found.length > max ? null : found;
}

/** Builds the FROM/WHERE and ORDER BY of one query, or null when nothing can match. */
function plan(db: Database.Database, terms: string[], maxExpansion: number) {
  const groups: string[] = [];
  const filters: string[] = [];
  const params: Record<string, string> = {};
  for (const term of terms) {
    if (Array.from(term).length >= TRIGRAM) {
      groups.push(phrase(term));
      continue;
    }
    const trigrams = trigramsStarting(db, term, maxExpansion);
    if (trigrams?.length === 0) return null;
    if (trigrams) {
      groups.push(`(${trigrams.map(phrase).join(' OR ')})`);
      continue;
    }
    // A very common short term: a filter, which the other terms or the date order keep cheap.
    const name = `s${filters.length}`;
    params[name] = folds(term) ? term.toLowerCase() : term;
    const col = (c: string) => (folds(term) ? `lower(${c})` : c);
    filters.push(
      `(instr(${col('p.title')}, @${name}) > 0 OR instr(${col('p.text')}, @${name}) > 0)`,
    );
  }
  if (!filters.length) {
    // The usual case: everything happens in the full-text index, hidden posts are left out by
    // rowid, and no post row is read until the page's own.
    return {
      params: { match: groups.join(' AND ') },
      id: 'posts_fts.rowid',
      from: `FROM posts_fts WHERE posts_fts MATCH @match AND posts_fts.rowid NOT IN (${HIDDEN_ROWIDS})`,
      order: `ORDER BY bm25(posts_fts, ${TITLE_WEIGHT}, 1), posts_fts.rowid DESC`,
    };
  }
  const extra = filters.map((f) => ` AND ${f}`).join('');
  if (groups.length) {
    return {
      params: { ...params, match: groups.join(' AND ') },
      id: 'p.rowid',
      from: `FROM posts_fts JOIN posts p ON p.rowid = posts_fts.rowid
             WHERE posts_fts MATCH @match AND ${VISIBLE}${extra}`,
      order: `ORDER BY bm25(posts_fts, ${TITLE_WEIGHT}, 1), p.date DESC, p.path DESC`,
    };
  }
  // Only very common short terms: newest first, so SQLite walks the date index and stops early.
  return {
    params,
    id: 'p.rowid',
    from: `FROM posts p WHERE ${VISIBLE}${extra}`,
    order: 'ORDER BY p.date DESC, p.path DESC',
  };
}

/** The snippet of a row's text window, with `…` where the window itself was cut from the text. */
function windowed(row: Row, terms: string[]): string {
  const inner = snippetAround(row.around, terms);
  const head = row.start > 1 && !inner.startsWith('…') ? '…' : '';
  const cutEnd = row.start - 1 + Array.from(row.around).length < row.length;
  const tail = cutEnd && !inner.endsWith('…') ? '…' : '';
  return `${head}${inner}${tail}`;
}

/**
 * One page of visible posts matching every term (case-insensitive substrings of title or text),
 * best first; null when the page is past the last one. `terms` come from `parseQuery`.
 */
export function searchPosts(
  index: ContentIndex,
  opts: { terms: string[]; page: number; size: number; now: number; maxExpansion?: number },
): SearchPage | null {
  const { terms, page, size, now, maxExpansion = MAX_EXPANSION } = opts;
  if (!terms.length || !Number.isInteger(page) || page < 1) return null;
  const { db } = index;
  ensureSearchSchema(db);
  const planned = plan(db, terms, maxExpansion);
  if (!planned) return page === 1 ? { items: [], page, pages: 1, total: 0, capped: false } : null;
  const { params, id, from, order } = planned;
  const counted = cached(db, `SELECT COUNT(*) FROM (SELECT 1 ${from} LIMIT @cap)`)
    .pluck()
    .get({ ...params, now, cap: RESULT_CAP + 1 }) as number;
  const total = Math.min(counted, RESULT_CAP);
  const pages = Math.max(1, Math.ceil(total / size));
  if (page > pages) return null;
  const offset = (page - 1) * size;
  const ids = cached(db, `SELECT ${id} ${from} ${order} LIMIT @size OFFSET @offset`)
    .pluck()
    .all({ ...params, now, size: Math.min(size, total - offset), offset }) as number[];

  // Columns are read for the page's rows only, never for every match.
  const anchor = [...terms].sort((a, b) => b.length - a.length)[0] ?? '';
  const at = folds(anchor) ? 'instr(lower(p.text), @anchor)' : 'instr(p.text, @anchor)';
  const rows = cached(
    db,
    `SELECT p.rowid, ${META_COLUMNS}, max(1, ${at} - 100) AS start, length(p.text) AS length,
              substr(p.text, max(1, ${at} - 100), 400) AS around
       FROM posts p WHERE p.rowid IN (SELECT value FROM json_each(@ids))`,
  ).all({
    ids: JSON.stringify(ids),
    anchor: folds(anchor) ? anchor.toLowerCase() : anchor,
  }) as Row[];
  const byId = new Map(rows.map((r) => [r.rowid, r]));
  const items = ids.flatMap((id): SearchHit[] => {
    const r = byId.get(id);
    if (!r) return [];
    return [{ ...toMeta(r), snippet: windowed(r, terms) }];
  });
  return { items, page, pages, total, capped: counted > RESULT_CAP };
}
