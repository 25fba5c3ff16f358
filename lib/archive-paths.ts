// The URLs of the date archives: `/2021`, `/2021/12`, `/2021/12/20` (then `/page/2` …), the same
// under one category (`/gongxinweibao/2021/12/20`); reading such a path back, and which of them
// publishing revalidates. Pure.
import { rangeAt, dateRange, inArchiveYears, type DateRange } from '@/lib/date-range';
import { TIME_ZONE } from '@/lib/site';

/** A date archive page: a range, site-wide (`category` null) or of one category, and a page of a day. */
export type ArchivePlace = { range: DateRange; category: string | null; page: number };

/** A date archive a change touched, and how many pages it has now (a day's list is paginated). */
export type ArchiveChange = { range: DateRange; category: string | null; pages: number };

const two = (n: number) => String(n).padStart(2, '0');

/** A range's page, site-wide or under a category (lower-cased, as Jekyll writes it), percent-encoded. */
export function archiveHref(range: DateRange, category: string | null = null, page = 1): string {
  const parts = [String(range.year).padStart(4, '0')];
  if (range.unit !== 'year') parts.push(two(range.month));
  if (range.unit === 'day') parts.push(two(range.day));
  const base = category ? `/${encodeURIComponent(category.toLowerCase())}` : '';
  const paged = range.unit === 'day' && page > 1 ? `/page/${page}` : '';
  return `${base}/${parts.join('/')}${paged}`;
}

/** The site-wide day page of an instant (an article's date links there); null outside the archive years. */
export function dayHref(ms: number, timeZone = TIME_ZONE): string | null {
  const day = rangeAt(ms, 'day', timeZone);
  return inArchiveYears(day) ? archiveHref(day) : null;
}

const YEAR = /^\d{4}$/;
const TWO = /^\d{2}$/;
const PAGE = /^[1-9]\d{0,6}$/;

/**
 * Reads a URL path (percent-encoded, as archiveHref writes it) as a date archive page, or null
 * when it is none: not a year, month or day of the archive years (two-digit month and day), or
 * a page number anywhere but on a day. `/page/1` reads as page 1: the caller sends it to the
 * page's own URL.
 */
export function parseArchivePath(path: string): ArchivePlace | null {
  let segments: string[];
  try {
    segments = path
      .replace(/^\/|\/$/g, '')
      .split('/')
      .map(decodeURIComponent);
  } catch {
    return null;
  }
  let page = 1;
  let paged = false;
  if (segments.length > 2 && segments[segments.length - 2] === 'page') {
    const n = segments.pop() ?? '';
    segments.pop();
    if (!PAGE.test(n)) return null;
    page = Number(n);
    paged = true;
  }
  const category = YEAR.test(segments[0] ?? '') ? null : (segments.shift() ?? null);
  if (category === '' || segments.length < 1 || segments.length > 3) return null;
  const [year = '', month, day] = segments;
  if (!YEAR.test(year) || [month, day].some((s) => s !== undefined && !TWO.test(s))) return null;
  const range = dateRange(
    Number(year),
    month === undefined ? undefined : Number(month),
    day === undefined ? undefined : Number(day),
  );
  if (!range || (paged && range.unit !== 'day')) return null;
  return { range, category, page };
}

/** Every page of a changed archive: a day's pages up to one past its end (a shrunk day loses its last). */
export function archiveHrefs(change: ArchiveChange): string[] {
  if (change.range.unit !== 'day') return [archiveHref(change.range, change.category)];
  return Array.from({ length: change.pages + 1 }, (_, i) =>
    archiveHref(change.range, change.category, i + 1),
  );
}
