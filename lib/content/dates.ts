// Date rules of the content: front-matter dates are parsed from their raw text (never by the
// YAML library), a date without a zone is wall-clock time in the site's time zone, and the
// zone arithmetic (offsets, wall-clock parts) every other module uses.

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
export function intlParts(ms: number, timeZone: string): DateParts {
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

/** A zone's offset changes only on quarter-hour boundaries (UTC), and on few days of a year. */
const QUARTER_HOUR = 15 * 60_000;
const DAY = 24 * 60 * 60_000;
/** Offset of each (zone, UTC day) whose offset holds all day; NaN for a day on which it changes. */
const dayOffsets = new Map<string, number>();
/** ~60 bytes an entry: at most ~6 MB, reached only by an archive spanning 270 years. */
const MAX_DAYS = 100_000;

function intlOffset(ms: number, timeZone: string): number {
  const start = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  const p = intlParts(start, timeZone);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - start;
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds: two Intl calls a day at most. */
export function zoneOffset(ms: number, timeZone: string): number {
  const day = Math.floor(ms / DAY) * DAY;
  const key = `${timeZone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const first = intlOffset(day, timeZone);
    offset = first === intlOffset(day + DAY - QUARTER_HOUR, timeZone) ? first : NaN;
    if (dayOffsets.size >= MAX_DAYS) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return Number.isNaN(offset) ? intlOffset(ms, timeZone) : offset;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Wall-clock parts of an instant in a time zone (indexing calls this for every post). */
export function datePartsIn(ms: number, timeZone: string): DateParts {
  const wall = new Date(Math.floor(ms / 1000) * 1000 + zoneOffset(ms, timeZone));
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

const DATE_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ \t]*[ \tT][ \t]*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?[ \t]*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$/i;

/**
 * SafeYAML's timestamp pattern (Jekyll's YAML loader). Only an unquoted value of this shape
 * became a Ruby `Time`, and a zone-less one was read as UTC: that is Jekyll's 8-hour misreading.
 */
const YAML_TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?\s*(Z|[-+]\d{1,2}(?::?\d{2})?)?$/;

export type ParsedDate = {
  /** The instant, in milliseconds since the epoch. */
  ms: number;
  /** Whether the text carried its own zone (or `Z`). */
  zoned: boolean;
  /** The wall-clock time read as if it were UTC. */
  naiveMs: number;
};

/** The instant at which the wall clock in `timeZone` shows the given naive UTC-encoded time. */
export function wallTimeToInstant(naiveUtcMs: number, timeZone: string): number {
  let guess = naiveUtcMs - zoneOffset(naiveUtcMs, timeZone);
  guess = naiveUtcMs - zoneOffset(guess, timeZone);
  return guess;
}

/** Minutes east of UTC for `Z`, `UTC`, `+8`, `+08`, `+0800` or `+08:00`. */
function offsetMinutes(zone: string): number | null {
  if (/^(?:Z|UTC|GMT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Parses `YYYY-MM-DD[ HH:MM[:SS[.fff]]][ ±HH[:MM]|Z]` or an ISO timestamp. Returns null when the
 * text is not a real date (month 13, hour 99, 30 February...).
 */
export function parseDateText(text: string, timeZone: string): ParsedDate | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const naiveMs = Date.UTC(
    year,
    month - 1,
    day,
    hour,
    minute,
    second,
    Number(frac.slice(0, 3).padEnd(3, '0')),
  );
  const check = new Date(naiveMs);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return null;
  }
  if (zone) {
    const offset = offsetMinutes(zone);
    if (offset === null) return null;
    return { ms: naiveMs - offset * 60_000, zoned: true, naiveMs };
  }
  return { ms: wallTimeToInstant(naiveMs, timeZone), zoned: false, naiveMs };
}

/**
 * Whether Jekyll read this unquoted front-matter date as UTC: a full timestamp with seconds and no
 * zone. Quoted values, dates without seconds and date-only values were read in the site zone.
 */
export function jekyllMisreadsAsUtc(text: string): boolean {
  const m = YAML_TIMESTAMP.exec(text.trim());
  return m !== null && m[1] === undefined;
}
