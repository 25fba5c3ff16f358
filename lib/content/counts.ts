// Counting without reading posts: the index keeps how many posts each day, term, and term and
// day hold (triggers in db.ts). Those counts include the few posts hidden at the time of
// reading (scheduled ones, and duplicates shadowed by another claim on their URL), which are
// read once per call from two small indexes and subtracted. Finding where page N of a list
// starts is a walk over its days, then a skip inside one day: every page costs the same
// whatever its depth (a decade is ~3,650 days, a day a few hundred posts).
import 'server-only';

import { cached, termKey, type ContentIndex } from '@/lib/content/db';
import { dayStart, nextDay } from '@/lib/content/days';
import type { TermCount, TermKind } from '@/lib/types';

export type ListTerm = { kind: TermKind; name: string } | null | undefined;

type HiddenRow = { day: number; categories: string; tags: string };

/** Posts hidden at `now`, per list: how many on each day. */
type Hidden = {
  home: Map<number, number>;
  /** `kind\0key` → day → count. */
  terms: Map<string, Map<number, number>>;
};

const bump = (map: Map<number, number>, day: number) => map.set(day, (map.get(day) ?? 0) + 1);
const termId = (kind: TermKind, key: string) => `${kind}\0${key}`;

function hidden(index: ContentIndex, now: number): Hidden {
  const rows = cached(
    index.db,
    `SELECT day, categories, tags FROM posts WHERE date > @now
     UNION ALL SELECT day, categories, tags FROM posts WHERE shadowed_from <= @now AND date <= @now`,
  ).all({ now }) as HiddenRow[];
  const out: Hidden = { home: new Map(), terms: new Map() };
  for (const row of rows) {
    bump(out.home, row.day);
    for (const [kind, names] of [
      ['category', row.categories],
      ['tag', row.tags],
    ] as const) {
      for (const key of new Set((JSON.parse(names) as string[]).map(termKey))) {
        const id = termId(kind, key);
        let days = out.terms.get(id);
        if (!days) out.terms.set(id, (days = new Map()));
        bump(days, row.day);
      }
    }
  }
  return out;
}

function hiddenOf(h: Hidden, term: ListTerm): Map<number, number> {
  return term ? (h.terms.get(termId(term.kind, termKey(term.name))) ?? new Map()) : h.home;
}

const sum = (map: Map<number, number>) => [...map.values()].reduce((a, b) => a + b, 0);

/** How many posts of a list (home, a category, a tag) a reader can see at `now`. */
export function visibleTotal(index: ContentIndex, term: ListTerm, now: number): number {
  const h = hiddenOf(hidden(index, now), term);
  const stored = term
    ? (cached(index.db, 'SELECT n FROM term_totals WHERE kind = ? AND key = ?')
        .pluck()
        .get(term.kind, termKey(term.name)) as number | undefined)
    : (cached(index.db, 'SELECT SUM(n) FROM day_counts').pluck().get() as number | null);
  return Math.max(0, (stored ?? 0) - sum(h));
}

/** Every category or tag with its number of visible posts, most used first. */
export function termCounts(index: ContentIndex, kind: TermKind, now: number): TermCount[] {
  const h = hidden(index, now);
  const rows = cached(index.db, 'SELECT name, key, n FROM term_totals WHERE kind = ?').all(
    kind,
  ) as { name: string; key: string; n: number }[];
  return rows
    .map((r) => ({
      name: r.name,
      key: r.key,
      count: r.n - sum(h.terms.get(termId(kind, r.key)) ?? new Map()),
    }))
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The stored display name of a category or tag with visible posts, or null. */
export function termDisplayName(
  index: ContentIndex,
  kind: TermKind,
  name: string,
  now: number,
): string | null {
  const row = cached(index.db, 'SELECT name, n FROM term_totals WHERE kind = ? AND key = ?').get(
    kind,
    termKey(name),
  ) as { name: string; n: number } | undefined;
  if (!row) return null;
  const h = hiddenOf(hidden(index, now), { kind, name });
  return row.n - sum(h) > 0 ? row.name : null;
}

/** Visible posts per day of a list, newest day first (or oldest first), days without any left out. */
export function* visibleDays(
  index: ContentIndex,
  term: ListTerm,
  now: number,
  order: 'newest' | 'oldest' = 'newest',
  range: { from?: number; to?: number } = {},
): Generator<{ day: number; count: number }> {
  const h = hiddenOf(hidden(index, now), term);
  const dir = order === 'newest' ? 'DESC' : 'ASC';
  const from = range.from ?? 0;
  const to = range.to ?? 99_999_999;
  const rows = term
    ? cached(
        index.db,
        `SELECT day, n FROM term_days WHERE kind = @kind AND key = @key AND n > 0
           AND day BETWEEN @from AND @to ORDER BY day ${dir}`,
      ).iterate({ kind: term.kind, key: termKey(term.name), from, to })
    : cached(
        index.db,
        `SELECT day, n FROM day_counts WHERE n > 0 AND day BETWEEN @from AND @to ORDER BY day ${dir}`,
      ).iterate({ from, to });
  for (const row of rows as Iterable<{ day: number; n: number }>) {
    const count = row.n - (h.get(row.day) ?? 0);
    if (count > 0) yield { day: row.day, count };
  }
}

/**
 * Where the list's entry at `offset` (0-based, in `order`) lies: the instant its day ends (or
 * starts, oldest first) and how many visible entries of the list to skip from there. Null past
 * the end.
 */
export function locate(
  index: ContentIndex,
  term: ListTerm,
  now: number,
  offset: number,
  order: 'newest' | 'oldest' = 'newest',
): { bound: number; skip: number } | null {
  let before = 0;
  for (const { day, count } of visibleDays(index, term, now, order)) {
    if (before + count > offset) {
      const bound = dayStart(order === 'newest' ? nextDay(day) : day, index.timeZone);
      return { bound, skip: offset - before };
    }
    before += count;
  }
  return null;
}
