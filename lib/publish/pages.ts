// Which pages a change of some posts touches: each article at its old and new URL, every page of
// each list it joined or left from the one that changed to the end (entries after it shift by
// one), the date archives of its day, month and year and their neighbours, the taxonomy
// indexes, feeds and the sitemap.
import 'server-only';

import { archiveHref, archiveHrefs, type ArchiveChange } from '@/lib/archive-paths';
import { rangeCount, rangeNeighbours } from '@/lib/content/archive';
import type { ContentIndex } from '@/lib/content/db';
import type { PostPlace } from '@/lib/content/history';
import { visibleTotal } from '@/lib/content/counts';
import { countBefore } from '@/lib/content/reads';
import { inArchiveYears, rangeAt } from '@/lib/date-range';
import { articleHref, homeHref } from '@/lib/format';
import { KINDS, termFeedPath, termHref, termPagesPattern, termsOf, type Term } from '@/lib/terms';

/** A list a post appears in, and the page from which its arrival or departure shifts entries. */
export type ListChange = {
  /** null: the home list. */
  list: Term | null;
  /** First page whose content changed (1-based). */
  fromPage: number;
  /** Number of pages the list has now (at least 1). */
  pages: number;
};

/** Beyond this many pages of one list, revalidate the whole route pattern instead. */
export const MAX_LIST_PAGES = 200;

/**
 * Every path to revalidate for posts that were or are at `places`, given how their lists and
 * date archives changed. Patterns (`/page/[n]`) are returned for lists too long to name page by
 * page.
 */
export function pagesToRevalidate(
  places: PostPlace[],
  lists: ListChange[],
  archives: ArchiveChange[] = [],
): { paths: string[]; patterns: string[] } {
  const paths = new Set<string>(['/', '/categories', '/tags', '/feed.xml', '/sitemap.xml']);
  const patterns = new Set<string>();
  for (const place of places) paths.add(articleHref(place.url));
  for (const archive of archives) for (const path of archiveHrefs(archive)) paths.add(path);
  for (const { list, fromPage, pages } of lists) {
    const href = (n: number) => (list ? termHref(list, n) : homeHref(n));
    paths.add(href(1));
    if (list) paths.add(termFeedPath(list));
    // One page past the end: a list that shrank loses its last page.
    const last = pages + 1;
    if (last - fromPage > MAX_LIST_PAGES) {
      patterns.add(list ? termPagesPattern(list.kind) : '/page/[n]');
      continue;
    }
    for (let n = Math.max(2, fromPage); n <= last; n++) paths.add(href(n));
  }
  return { paths: [...paths], patterns: [...patterns] };
}

/** How each list holding one of `places` changed: from which page on, and how long it is now. */
export function changedLists(
  index: ContentIndex,
  places: PostPlace[],
  opts: { pageSize: number; now: number },
): ListChange[] {
  if (places.length === 0) return [];
  const { pageSize, now } = opts;
  const pageOf = (list: Term | null, place: PostPlace) =>
    Math.floor(countBefore(index, list, place, now) / pageSize) + 1;
  const pagesOf = (list: Term | null) =>
    Math.max(1, Math.ceil(visibleTotal(index, list, now) / pageSize));
  const change = (list: Term | null, holders: PostPlace[]): ListChange => ({
    list,
    fromPage: Math.min(...holders.map((p) => pageOf(list, p))),
    pages: pagesOf(list),
  });
  const lists = [change(null, places)];
  for (const kind of KINDS) {
    for (const name of new Set(places.flatMap((p) => termsOf(p, kind)))) {
      lists.push(
        change(
          { kind, name },
          places.filter((p) => termsOf(p, kind).includes(name)),
        ),
      );
    }
  }
  return lists;
}

/**
 * The date archives holding `places`: the day, month and year of each, site-wide and under each
 * of its categories, with the nearest ones holding posts on either side (whose links to the
 * next and previous day, month or year may have changed), and how many pages each day has now.
 */
export function changedArchives(
  index: ContentIndex,
  places: PostPlace[],
  opts: { pageSize: number; now: number },
): ArchiveChange[] {
  const { pageSize, now } = opts;
  const changes = new Map<string, ArchiveChange>();
  for (const place of places) {
    for (const category of [null, ...new Set(place.categories.map((c) => c.toLowerCase()))]) {
      const term = category === null ? null : { kind: 'category' as const, name: category };
      for (const unit of ['day', 'month', 'year'] as const) {
        const range = rangeAt(place.date, unit, index.timeZone);
        const { prev, next } = rangeNeighbours(index, { range, term, now });
        for (const r of [range, prev, next]) {
          const key = r && inArchiveYears(r) ? archiveHref(r, category) : null;
          if (!r || !key || changes.has(key)) continue;
          const posts = r.unit === 'day' ? rangeCount(index, { range: r, term, now }) : 0;
          changes.set(key, { range: r, category, pages: Math.max(1, Math.ceil(posts / pageSize)) });
        }
      }
    }
  }
  return [...changes.values()];
}
