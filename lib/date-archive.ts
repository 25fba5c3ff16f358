// What a date archive page shows, composed from the index's archive reads: its posts (a day),
// calendar counts (a month, a year), its neighbours, the category under its readers' name, and
// whether it may be cached long. lib/store.ts calls it; routes get it from there.
import 'server-only';

import { archiveHref, parseArchivePath, type ArchivePlace } from '@/lib/archive-paths';
import {
  dayPosts,
  monthDays,
  rangeNeighbours,
  rangeTerms,
  yearMonths,
} from '@/lib/content/archive';
import type { ContentIndex } from '@/lib/content/db';
import { termName } from '@/lib/content/reads';
import {
  isPast,
  type DateRange,
  type DayRange,
  type MonthRange,
  type YearRange,
} from '@/lib/date-range';
import { labelled, type Term, type TermNames } from '@/lib/terms';
import type { Page, PostMeta } from '@/lib/types';

/** A category with the number of a range's posts it holds. */
export type TermTally = { term: Term; count: number };

export type ArchiveBody =
  | { unit: 'day'; range: DayRange; list: Page<PostMeta>; categories: TermTally[] }
  | { unit: 'month'; range: MonthRange; days: { day: DayRange; count: number }[] }
  | { unit: 'year'; range: YearRange; months: { month: MonthRange; count: number }[] };

export type DateArchive = ArchiveBody & {
  /** The category whose archive it is, with the name readers see; null: the whole site. */
  term: Term | null;
  /** The nearest earlier and later range of the same unit holding posts. */
  prev: DateRange | null;
  next: DateRange | null;
  /** Visible posts in the range. */
  total: number;
  /** Over, and a later range has posts: only a push changes it, so it may be cached long. */
  settled: boolean;
};

export type ArchiveAnswer =
  { kind: 'archive'; archive: DateArchive } | { kind: 'redirect'; url: string } | null;

type Options = { names: TermNames; pageSize: number; now: number };

/** A body with the sum of its counts; null when that is 0. */
function counted(body: ArchiveBody, counts: { count: number }[]) {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  return total > 0 ? { body, total } : null;
}

/** What an archive shows besides its head, and how many posts it covers; null when empty. */
function archiveBody(
  index: ContentIndex,
  { range, page }: ArchivePlace,
  term: Term | null,
  { names, pageSize, now }: Options,
): { body: ArchiveBody; total: number } | null {
  if (range.unit === 'day') {
    const list = dayPosts(index, { day: range, term, page, size: pageSize, now });
    if (!list) return null;
    const categories = term
      ? []
      : rangeTerms(index, { range, kind: 'category', now }).map((c) => ({
          term: labelled({ kind: 'category', name: c.name }, names),
          count: c.count,
        }));
    return { body: { unit: 'day', range, list, categories }, total: list.total };
  }
  if (range.unit === 'month') {
    const days = monthDays(index, { month: range, term, now });
    return counted({ unit: 'month', range, days }, days);
  }
  const months = yearMonths(index, { year: range, term, now });
  return counted({ unit: 'year', range, months }, months);
}

/**
 * The date archive at a URL path (percent-encoded), or a redirect to its own URL (from `/page/1`
 * or an upper-case category), or null: not a date of the archive years, no such category, or no
 * visible post in the range (or on that page of a day).
 */
export function dateArchiveAt(index: ContentIndex, path: string, opts: Options): ArchiveAnswer {
  const place = parseArchivePath(path);
  if (!place) return null;
  const { now } = opts;
  let term: Term | null = null;
  if (place.category !== null) {
    const name = termName(index, 'category', place.category, now);
    if (name === null) return null;
    term = labelled({ kind: 'category', name }, opts.names);
  }
  const found = archiveBody(index, place, term, opts);
  if (!found) return null;
  const href = archiveHref(place.range, place.category, place.page);
  if (href !== path) return { kind: 'redirect', url: href };
  const { prev, next } = rangeNeighbours(index, { range: place.range, term, now });
  const settled = next !== null && isPast(place.range, now, index.timeZone);
  const head = { term, prev, next, total: found.total, settled };
  return { kind: 'archive', archive: { ...head, ...found.body } };
}
