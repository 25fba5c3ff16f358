// Search over the visible posts, every term a case-insensitive substring of the title or text.
// The full-text index (lib/content/search-schema.ts) holds which posts contain each pair of
// characters (lib/content/bigrams.ts): a term of one or two characters is found there exactly,
// a longer one as the posts holding all its pairs, each then confirmed in its title or text.
// Posts whose title holds every term come first, then the rest; newest first within each. A
// one-character term so common that it starts more than MAX_EXPANSION pairs is not looked up:
// posts are read newest first and kept when they hold it.
import 'server-only';

import type Database from 'better-sqlite3';

import { runsOf, runTokens } from '@/lib/content/bigrams';
import { cached, type ContentIndex } from '@/lib/content/db';
import { storedText } from '@/lib/content/bodies';
import { ensureSearchSchema } from '@/lib/content/search-schema';
import { META_COLUMNS, toMeta, VISIBLE, type MetaRow } from '@/lib/content/rows';
import { snippetAround } from '@/lib/search-query';
import type { SearchHit, SearchPage } from '@/lib/types';

/** Counting stops here: past it a query is "more than N results" and pages end. */
export const RESULT_CAP = 1000;
/** A one-character term that starts more pairs than this is common: it filters instead. */
const MAX_EXPANSION = 400;
/** Past this many candidates, posts are read newest first instead of sorted. */
const SORT_MAX = 20_000;

type Term = { text: string; lower: string; match: string | null; exact: boolean };

/** An FTS5 string literal. */
function phrase(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/** How many indexed tokens start with a one-character term, up to max + 1. */
function expansion(db: Database.Database, char: string, max: number): number {
  return cached(
    db,
    `SELECT COUNT(*) FROM (SELECT term FROM posts_fts_vocab
       WHERE term >= @key AND term < @key || char(1114111) LIMIT @max)`,
  )
    .pluck()
    .get({ key: char, max: max + 1 }) as number;
}

/** A term as the index finds it: its FTS5 expression (null: a filter), and whether that is exact. */
function planTerm(db: Database.Database, text: string, maxExpansion: number): Term | null {
  const runs = runsOf(text);
  if (!runs.length) return null;
  const lower = text.toLowerCase();
  const [only] = runs;
  if (runs.length === 1 && only && only.length === 1) {
    const char = only[0] ?? '';
    if (expansion(db, char, maxExpansion) > maxExpansion) {
      return { text, lower, match: null, exact: false };
    }
    return { text, lower, match: `${phrase(char)}*`, exact: true };
  }
  const tokens = runs.flatMap((run) => (run.length === 1 ? [] : runTokens(run).slice(0, -1)));
  const exact = runs.length === 1 && only?.length === 2;
  const match = [...new Set(tokens)].map(phrase).join(' AND ');
  return { text, lower, match: match || null, exact: exact && Boolean(match) };
}

type Candidate = MetaRow & { id: number };

/** A snippet of the text around the first term found, with `…` where it was cut. */
function snippetOf(text: string, terms: Term[]): string {
  const lower = text.toLowerCase();
  const found = terms.map((t) => lower.indexOf(t.lower)).filter((i) => i >= 0);
  const at = found.length ? Math.min(...found) : 0;
  const start = Math.max(0, at - 100);
  const window = text.slice(start, start + 400);
  const inner = snippetAround(
    window,
    terms.map((t) => t.text),
  );
  const head = start > 0 && !inner.startsWith('…') ? '…' : '';
  const tail = start + 400 < text.length && !inner.endsWith('…') ? '…' : '';
  return `${head}${inner}${tail}`;
}

/** Reads candidates and keeps those that hold every term: title hits first, then the rest. */
class Matcher {
  private readonly texts = new Map<number, string>();
  readonly titled: Candidate[] = [];
  readonly rest: Candidate[] = [];

  constructor(
    private readonly index: ContentIndex,
    private readonly terms: Term[],
  ) {}

  text(row: Candidate): string {
    let t = this.texts.get(row.id);
    if (t === undefined) this.texts.set(row.id, (t = storedText(this.index, row.id)));
    return t;
  }

  inTitle(row: Candidate): boolean {
    const title = row.title.toLowerCase();
    return this.terms.every((t) => title.includes(t.lower));
  }

  /** Every term in the title or the text (a term the index finds exactly needs no look). */
  confirmed(row: Candidate): boolean {
    const title = row.title.toLowerCase();
    return this.terms.every(
      (t) =>
        (t.exact && t.match !== null) ||
        title.includes(t.lower) ||
        this.text(row).toLowerCase().includes(t.lower),
    );
  }

  get found(): number {
    return this.titled.length + this.rest.length;
  }

  /** Posts newest first, each kept when it holds every term, until `enough` are found. */
  scan(rows: IterableIterator<Candidate>, enough: number): void {
    try {
      for (const row of rows) {
        if (this.inTitle(row)) this.titled.push(row);
        else if (this.confirmed(row)) this.rest.push(row);
        if (this.found >= enough) break;
      }
    } finally {
      rows.return?.();
    }
  }

  /** Few enough to read them all: every title hit, then the others confirmed newest first. */
  sort(rows: Candidate[], enough: number): void {
    const unconfirmed: Candidate[] = [];
    for (const row of rows) (this.inTitle(row) ? this.titled : unconfirmed).push(row);
    for (const row of unconfirmed) {
      if (this.found >= enough) break;
      if (this.confirmed(row)) this.rest.push(row);
    }
  }
}

/**
 * One page of visible posts matching every term (case-insensitive substrings of title or text),
 * best first; null when the page is past the last one. `terms` come from `parseQuery`.
 */
export function searchPosts(
  index: ContentIndex,
  opts: { terms: string[]; page: number; size: number; now: number; maxExpansion?: number },
): SearchPage | null {
  const { page, size, now, maxExpansion = MAX_EXPANSION } = opts;
  if (!opts.terms.length || !Number.isInteger(page) || page < 1) return null;
  const { db } = index;
  ensureSearchSchema(db);
  const terms = opts.terms
    .map((t) => planTerm(db, t, maxExpansion))
    .filter((t): t is Term => t !== null);
  const empty = page === 1 ? { items: [], page, pages: 1, total: 0, capped: false } : null;
  if (!terms.length) return empty;

  const match = terms.flatMap((t) => (t.match ? [`(${t.match})`] : [])).join(' AND ');
  const inFts = match
    ? ' AND p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH @match)'
    : '';
  const select = `SELECT ${META_COLUMNS}, p.id FROM posts p WHERE ${VISIBLE}${inFts}
    ORDER BY p.date DESC, p.path DESC`;
  const params = match ? { now, match } : { now };
  const candidates = match
    ? (cached(
        db,
        'SELECT COUNT(*) FROM (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? LIMIT ?)',
      )
        .pluck()
        .get(match, SORT_MAX + 1) as number)
    : Infinity;
  // Enough matches to fill the page and to count up to the cap.
  const enough = Math.max(page * size, RESULT_CAP + 1);
  const matcher = new Matcher(index, terms);
  if (candidates > SORT_MAX) {
    matcher.scan(cached(db, select).iterate(params) as IterableIterator<Candidate>, enough);
  } else {
    matcher.sort(cached(db, select).all(params) as Candidate[], enough);
  }
  const all = [...matcher.titled, ...matcher.rest];
  const total = Math.min(all.length, RESULT_CAP);
  const pages = Math.max(1, Math.ceil(total / size));
  if (page > pages) return total === 0 ? empty : null;
  const items = all
    .slice((page - 1) * size, page * size)
    .map((row): SearchHit => ({ ...toMeta(row), snippet: snippetOf(matcher.text(row), terms) }));
  return { items, page, pages, total, capped: all.length > RESULT_CAP };
}
