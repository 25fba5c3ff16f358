// Presentation helpers shared by pages and components: dates in the site's zone, article and
// home URLs, display truncation, and reading route params. Pure.
import { datePartsIn, zoneOffset } from '@/lib/content/dates';
import { encodePath } from '@/lib/content/permalink';
import { TIME_ZONE } from '@/lib/site';

/** ISO 8601 with the site zone's offset, e.g. `2021-12-20T19:02:33+08:00`. */
export function isoInZone(ms: number, timeZone = TIME_ZONE): string {
  const p = datePartsIn(ms, timeZone);
  const offset = Math.round(zoneOffset(ms, timeZone) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${sign}${hh}:${mm}`;
}

/** `2021-12-20 19:02`, Beijing wall-clock time as readers expect it. */
export function displayDateTime(ms: number, timeZone = TIME_ZONE): string {
  const p = datePartsIn(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** At most `max` characters of `text` (whole code points), with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  // A code point is at most two UTF-16 units: no need to split more of a long text than this.
  const chars = Array.from(text.length > 2 * max + 2 ? text.slice(0, 2 * max + 2) : text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

export function articleHref(url: string): string {
  return encodePath(url);
}

export function homeHref(page = 1): string {
  return page > 1 ? `/page/${page}` : '/';
}

/** Route params arrive percent-encoded or decoded depending on how the URL was reached. */
export function decodeParam(value: string): string {
  try {
    return /%[0-9a-f]{2}/i.test(value) ? decodeURIComponent(value) : value;
  } catch {
    return value;
  }
}

/** A positive page number from a route param, or null. */
export function pageParam(value: string): number | null {
  return /^[1-9]\d{0,6}$/.test(value) ? Number(value) : null;
}

/**
 * A list excerpt without the title it starts with: a post without a title shows its first
 * sentence as the title, and the excerpt then goes on from there instead of repeating it.
 */
export function excerptBeyond(title: string, excerpt: string): string {
  const cut = title.endsWith('…');
  const head = cut ? title.slice(0, -1) : title;
  if (!head || !excerpt.startsWith(head)) return excerpt;
  const rest = excerpt.slice(head.length).replace(/^[\s，,。.；;：:、]+/u, '');
  return rest && cut ? `…${rest}` : rest;
}
