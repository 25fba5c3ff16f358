// Jekyll 4.3's URL rules, reproduced: the `date` permalink style, pretty slugify, placeholder
// expansion for front-matter permalinks, and URL sanitising. Pure functions, no I/O.
import type { DateParts } from '@/lib/content/dates';

/** Characters Jekyll's "pretty" slugify keeps; every other run becomes one `-`. */
const PRETTY_UNSAFE = /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu;
/** Jekyll's "default" slugify keeps letters, marks and digits only. */
const DEFAULT_UNSAFE = /[^\p{M}\p{L}\p{Nd}]+/gu;

/** Jekyll's `slugify(s, mode: "pretty", cased: true)`: the `:title` of a post URL. */
export function slugifyPretty(input: string): string {
  return input.replace(PRETTY_UNSAFE, '-').replace(/^-+|-+$/g, '');
}

/** Jekyll's `slugify(s)` (default mode, lower-cased): the `:slug` placeholder. */
export function slugifyDefault(input: string): string {
  return input
    .replace(DEFAULT_UNSAFE, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** Jekyll's URL#sanitize_url: no `..` segments, no `./`, no doubled slashes. */
export function sanitizeUrl(url: string): string {
  return `/${url}`
    .replaceAll('..', '/')
    .replaceAll('./', '')
    .replace(/\/{2,}/g, '/');
}

const DATE_PERMALINK = '/:categories/:year/:month/:day/:title:output_ext';

function dayOfYear(date: DateParts): string {
  const ms = Date.UTC(Number(date.year), Number(date.month) - 1, Number(date.day));
  const days = Math.round((ms - Date.UTC(Number(date.year), 0, 1)) / 86_400_000) + 1;
  return String(days).padStart(3, '0');
}

/**
 * The URL Jekyll gives a post: its front-matter `permalink` (placeholders expanded) or the
 * default `date` style. Returned decoded; `encodePath` makes it an href. A placeholder Jekyll
 * does not know (where Jekyll would stop the build) is left as written.
 */
export function buildPermalink(opts: {
  categories: string[];
  date: DateParts;
  slug: string;
  permalink?: string;
}): string {
  const { date } = opts;
  const values = new Map<string, string>([
    ['categories', [...new Set(opts.categories.map((c) => c.toLowerCase()))].join('/')],
    ['year', date.year],
    ['month', date.month],
    ['day', date.day],
    ['i_month', String(Number(date.month))],
    ['i_day', String(Number(date.day))],
    ['short_year', date.year.slice(2)],
    ['y_day', dayOfYear(date)],
    ['hour', date.hour],
    ['minute', date.minute],
    ['second', date.second],
    ['title', slugifyPretty(opts.slug)],
    ['slug', slugifyDefault(opts.slug)],
    ['output_ext', '.html'],
    ['collection', 'posts'],
  ]);
  const template = opts.permalink?.trim() || DATE_PERMALINK;
  // As Jekyll's URL#generate_url_from_drop: `:month_:day` means `:month` followed by `_`.
  const expanded = template.replace(/:([a-z_]+)/g, (match, name: string) => {
    const exact = values.get(name);
    if (exact !== undefined) return exact;
    const chomped = name.endsWith('_') ? values.get(name.slice(0, -1)) : undefined;
    return chomped !== undefined ? `${chomped}_` : match;
  });
  return sanitizeUrl(expanded);
}

/** Percent-encodes a decoded URL path for use in an href, keeping `/` and RFC 3986 sub-delims. */
export function encodePath(url: string): string {
  return url
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(/%(21|24|26|27|28|29|2B|2C|3B|3D|40|3A)/g, (m) =>
        decodeURIComponent(m),
      ),
    )
    .join('/');
}

/** Lookup key for a URL path: decoded, NFC, without a trailing slash. */
export function urlKey(url: string): string {
  const trimmed = url.length > 1 ? url.replace(/\/+$/, '') : url;
  return trimmed.normalize('NFC');
}
