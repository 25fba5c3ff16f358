// The date archives' reads: a day's visible posts, the days of a month and the months of a year
// with their counts, the nearest ranges holding posts, a range's categories, and every day with
// posts. Site-wide or of one category (or tag); ranges are in the index's time zone. Counts come
// from the per-day counts (lib/content/counts.ts); posts and the nearest ranges are read as
// ranges of instants on the date indexes (posts_order, terms). Synchronous reads.
import 'server-only';

import { visibleDays } from '@/lib/content/counts';
import { cached, termKey, type ContentIndex } from '@/lib/content/db';
import {
  HIDDEN_ROWIDS,
  META_COLUMNS,
  toMeta,
  VISIBLE,
  VISIBLE_TERM,
  type MetaRow,
} from '@/lib/content/rows';
import {
  childRanges,
  FIRST_YEAR,
  LAST_YEAR,
  rangeAt,
  rangeBounds,
  type DateRange,
  type DayRange,
  type MonthRange,
  type YearRange,
} from '@/lib/date-range';
import type { Page, PostMeta, TermCount, TermKind } from '@/lib/types';

/** Whose archive: a category or tag, or null (or absent) for the whole site. */
export type ArchiveTerm = { kind: TermKind; name: string } | null | undefined;

type Params = Record<string, string | number>;

/**
 * The rows dated in `[@start, @end)` and visible at `@now`: `rows` for listing them (joins the
 * post rows), `dates` for counting them or reading their dates from an index alone, the column
 * holding the date, and the list's order.
 */
function source(term: ArchiveTerm, now: number) {
  if (!term) {
    const range = 'p.date >= @start AND p.date < @end';
    return {
      date: 'p.date',
      rows: `FROM posts p WHERE ${range} AND ${VISIBLE}`,
      dates: `FROM posts p WHERE ${range} AND p.rowid NOT IN (${HIDDEN_ROWIDS})`,
      order: 'p.date DESC, p.path DESC',
      params: { now } as Params,
    };
  }
  const of = 't.kind = @kind AND t.key = @key AND t.date >= @start AND t.date < @end';
  return {
    date: 't.date',
    rows: `FROM terms t JOIN posts p ON p.path = t.path WHERE ${of} AND ${VISIBLE}`,
    dates: `FROM terms t WHERE ${of} AND ${VISIBLE_TERM}`,
    order: 't.date DESC, t.path DESC',
    params: { now, kind: term.kind, key: termKey(term.name) } as Params,
  };
}

/** The first and last instant of the archive years: nothing outside them has an archive. */
function archiveSpan(timeZone: string) {
  return {
    start: rangeBounds({ unit: 'year', year: FIRST_YEAR }, timeZone).start,
    end: rangeBounds({ unit: 'year', year: LAST_YEAR }, timeZone).end,
  };
}

/** The date of the newest (`DESC`) or oldest (`ASC`) visible post in `[start, end)`, if any. */
function edge(
  index: ContentIndex,
  term: ArchiveTerm,
  now: number,
  span: { start: number; end: number },
  direction: 'ASC' | 'DESC',
): number | null {
  const s = source(term, now);
  const date = cached(
    index.db,
    `SELECT ${s.date} ${s.dates} ORDER BY ${s.date} ${direction} LIMIT 1`,
  )
    .pluck()
    .get({ ...s.params, ...span }) as number | undefined;
  return date ?? null;
}

/** The YYYYMMDD days a range spans (a month's or year's last day may be past its end: no matter). */
function dayNumbers(range: DateRange): { from: number; to: number } {
  const y = range.year * 10_000;
  if (range.unit === 'year') return { from: y + 101, to: y + 1231 };
  if (range.unit === 'month')
    return { from: y + range.month * 100 + 1, to: y + range.month * 100 + 31 };
  const day = y + range.month * 100 + range.day;
  return { from: day, to: day };
}

/** The visible posts of each day of a range holding any (from the per-day counts). */
function countsIn(index: ContentIndex, range: DateRange, term: ArchiveTerm, now: number) {
  return [...visibleDays(index, term, now, 'oldest', dayNumbers(range))];
}

/** How many visible posts a range holds. */
export function rangeCount(
  index: ContentIndex,
  opts: { range: DateRange; term?: ArchiveTerm; now: number },
): number {
  if (rangeBounds(opts.range, index.timeZone).start > opts.now) return 0;
  return countsIn(index, opts.range, opts.term, opts.now).reduce((n, d) => n + d.count, 0);
}

/** Page `page` of a day's visible posts, newest first; null for an empty day or past its last page. */
export function dayPosts(
  index: ContentIndex,
  opts: { day: DayRange; term?: ArchiveTerm; page: number; size: number; now: number },
): Page<PostMeta> | null {
  const { day, term, page, size, now } = opts;
  if (!Number.isInteger(page) || page < 1) return null;
  const total = rangeCount(index, { range: day, term, now });
  const pages = Math.ceil(total / size);
  if (total === 0 || page > pages) return null;
  const s = source(term, now);
  const rows = cached(
    index.db,
    `SELECT ${META_COLUMNS} ${s.rows} ORDER BY ${s.order} LIMIT @size OFFSET @offset`,
  ).all({
    ...s.params,
    ...rangeBounds(day, index.timeZone),
    size,
    offset: (page - 1) * size,
  }) as MetaRow[];
  return { items: rows.map(toMeta), page, pages, total };
}

/** The nearest earlier and later range of the same unit (day, month, year) holding a visible post. */
export function rangeNeighbours(
  index: ContentIndex,
  opts: { range: DateRange; term?: ArchiveTerm; now: number },
): { prev: DateRange | null; next: DateRange | null } {
  const { range, term, now } = opts;
  const span = archiveSpan(index.timeZone);
  const { start, end } = rangeBounds(range, index.timeZone);
  const before = edge(index, term, now, { start: span.start, end: start }, 'DESC');
  const after = edge(index, term, now, { start: end, end: span.end }, 'ASC');
  const at = (ms: number | null) => (ms === null ? null : rangeAt(ms, range.unit, index.timeZone));
  return { prev: at(before), next: at(after) };
}

/** Each day of a month with its number of visible posts (0 for none), first day first. */
export function monthDays(
  index: ContentIndex,
  opts: { month: MonthRange; term?: ArchiveTerm; now: number },
): { day: DayRange; count: number }[] {
  const { month, term, now } = opts;
  const counts = new Map(countsIn(index, month, term, now).map((d) => [d.day % 100, d.count]));
  return childRanges(month).map((day) => ({ day, count: counts.get(day.day) ?? 0 }));
}

/** Each month of a year with its number of visible posts (0 for none), January first. */
export function yearMonths(
  index: ContentIndex,
  opts: { year: YearRange; term?: ArchiveTerm; now: number },
): { month: MonthRange; count: number }[] {
  const { year, term, now } = opts;
  const counts = new Map<number, number>();
  for (const d of countsIn(index, year, term, now)) {
    const month = Math.floor(d.day / 100) % 100;
    counts.set(month, (counts.get(month) ?? 0) + d.count);
  }
  return childRanges(year).map((month) => ({ month, count: counts.get(month.month) ?? 0 }));
}

/** The categories (or tags) of a range's visible posts with their numbers, most used first. */
export function rangeTerms(
  index: ContentIndex,
  opts: { range: DateRange; kind: TermKind; now: number },
): TermCount[] {
  // CROSS JOIN keeps the range's posts outside: the terms of a kind are far more rows.
  return cached(
    index.db,
    `SELECT MIN(t.name) AS name, t.key AS key, COUNT(*) AS count
       FROM posts p CROSS JOIN terms t ON t.path = p.path AND t.kind = @kind
       WHERE p.date >= @start AND p.date < @end AND p.rowid NOT IN (${HIDDEN_ROWIDS})
       GROUP BY t.key ORDER BY count DESC, t.key`,
  ).all({
    kind: opts.kind,
    now: opts.now,
    ...rangeBounds(opts.range, index.timeZone),
  }) as TermCount[];
}

/** Every day of the archive years holding a visible post, oldest first, with its newest post's date. */
export function archiveDays(
  index: ContentIndex,
  opts: { term?: ArchiveTerm; now: number },
): { day: DayRange; lastmod: number }[] {
  const { term, now } = opts;
  const years = { from: FIRST_YEAR * 10_000 + 101, to: LAST_YEAR * 10_000 + 1231 };
  // The days with posts from the per-day counts, and one seek to each one's newest post.
  return [...visibleDays(index, term, now, 'oldest', years)].map(({ day: n }) => {
    const day: DayRange = {
      unit: 'day',
      year: Math.floor(n / 10_000),
      month: Math.floor(n / 100) % 100,
      day: n % 100,
    };
    const bounds = rangeBounds(day, index.timeZone);
    return { day, lastmod: edge(index, term, now, bounds, 'DESC') ?? bounds.start };
  });
}
