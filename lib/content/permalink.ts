// Jekyll 4.3's URL rules, reproduced: the `date` permalink style, pretty slugify, placeholder
// expansion for front-matter permalinks, and URL sanitising. Pure functions, no I/O.

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

export type DateParts = {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts of an instant in a time zone, read through Intl (the slow, exact way). */
function intlParts(ms: number, timeZone: string): DateParts {
  // Building a formatter costs ~0.3 ms, formatting with one ~10 µs: keep one per zone.
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: parts.year ?? '0000',
    month: parts.month ?? '01',
    day: parts.day ?? '01',
    hour: parts.hour ?? '00',
    minute: parts.minute ?? '00',
    second: parts.second ?? '00',
  };
}

/** A zone's offset changes only on quarter-hour boundaries (UTC): one Intl call per quarter hour. */
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

function offsetAt(ms: number, timeZone: string): number {
  const start = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone}|${start}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const p = intlParts(start, timeZone);
    offset = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - start;
    if (offsets.size > 500_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Wall-clock parts of an instant in a time zone (indexing calls this for every post). */
export function datePartsIn(ms: number, timeZone: string): DateParts {
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offsetAt(ms, timeZone));
  const year = wall.getUTCFullYear();
  if (year < 1000 || year > 9999) return intlParts(ms, timeZone);
  return {
    year: String(year),
    month: two(wall.getUTCMonth() + 1),
    day: two(wall.getUTCDate()),
    hour: two(wall.getUTCHours()),
    minute: two(wall.getUTCMinutes()),
    second: two(wall.getUTCSeconds()),
  };
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
