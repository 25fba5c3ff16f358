// Calendar ranges of the date archives: a year, a month or a day in the site's time zone, the
// instants each starts and ends at, the range holding an instant, and how readers name them.
// Pure; the zone arithmetic is lib/content/dates.ts's.
import { datePartsIn, wallTimeToInstant } from '@/lib/content/dates';
import { TIME_ZONE } from '@/lib/site';

export type YearRange = { unit: 'year'; year: number };
export type MonthRange = { unit: 'month'; year: number; month: number };
export type DayRange = { unit: 'day'; year: number; month: number; day: number };
export type DateRange = YearRange | MonthRange | DayRange;
export type DateUnit = DateRange['unit'];

/** The years date archives answer for; a date outside them is no archive. */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2100;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The year, month of it or day of that, or null when there is no such date in the archive years. */
export function dateRange(year: number): YearRange | null;
export function dateRange(year: number, month: number): MonthRange | null;
export function dateRange(year: number, month: number, day: number): DayRange | null;
export function dateRange(year: number, month?: number, day?: number): DateRange | null;
export function dateRange(year: number, month?: number, day?: number): DateRange | null {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) return null;
  if (month === undefined) return { unit: 'year', year };
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (day === undefined) return { unit: 'month', year, month };
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return { unit: 'day', year, month, day };
}

/** Whether a range lies in the archive years (a range made from a post's date may not). */
export function inArchiveYears(range: DateRange): boolean {
  return range.year >= FIRST_YEAR && range.year <= LAST_YEAR;
}

/** Midnight (as `Date.UTC` of the wall clock) of the range's first day and of the day after it. */
function wallSpan(range: DateRange): [number, number] {
  switch (range.unit) {
    case 'year':
      return [Date.UTC(range.year, 0, 1), Date.UTC(range.year + 1, 0, 1)];
    case 'month':
      return [Date.UTC(range.year, range.month - 1, 1), Date.UTC(range.year, range.month, 1)];
    case 'day':
      return [
        Date.UTC(range.year, range.month - 1, range.day),
        Date.UTC(range.year, range.month - 1, range.day + 1),
      ];
  }
}

/** The instants a range starts at and ends before, in `timeZone`: `[start, end)`. */
export function rangeBounds(
  range: DateRange,
  timeZone = TIME_ZONE,
): { start: number; end: number } {
  const [from, to] = wallSpan(range);
  return { start: wallTimeToInstant(from, timeZone), end: wallTimeToInstant(to, timeZone) };
}

/** A range of `unit` whose first day is the wall-clock date `Date.UTC` encodes in `wall`. */
function rangeOfWall(wall: Date, unit: DateUnit): DateRange {
  const year = wall.getUTCFullYear();
  if (unit === 'year') return { unit, year };
  const month = wall.getUTCMonth() + 1;
  if (unit === 'month') return { unit, year, month };
  return { unit, year, month, day: wall.getUTCDate() };
}

/** The year, month or day holding an instant, in `timeZone`. */
export function rangeAt(ms: number, unit: 'day', timeZone?: string): DayRange;
export function rangeAt(ms: number, unit: 'month', timeZone?: string): MonthRange;
export function rangeAt(ms: number, unit: 'year', timeZone?: string): YearRange;
export function rangeAt(ms: number, unit: DateUnit, timeZone?: string): DateRange;
export function rangeAt(ms: number, unit: DateUnit, timeZone = TIME_ZONE): DateRange {
  const p = datePartsIn(ms, timeZone);
  return rangeOfWall(new Date(Date.UTC(+p.year, +p.month - 1, +p.day)), unit);
}

/** The range of the same unit `n` steps later (earlier when `n` is negative). */
export function shiftRange<R extends DateRange>(range: R, n: number): R {
  const wall = new Date(wallSpan(range)[0]);
  if (range.unit === 'year') wall.setUTCFullYear(range.year + n);
  else if (range.unit === 'month') wall.setUTCMonth(range.month - 1 + n);
  else wall.setUTCDate(range.day + n);
  // Same unit in, same unit out: rangeOfWall builds the unit it is given.
  return rangeOfWall(wall, range.unit) as R;
}

/** The month holding a day, the year holding a month; null for a year. */
export function parentRange(range: DateRange): DateRange | null {
  if (range.unit === 'year') return null;
  if (range.unit === 'month') return { unit: 'year', year: range.year };
  return { unit: 'month', year: range.year, month: range.month };
}

/** Every day of a month, or every month of a year, in order. */
export function childRanges(range: MonthRange): DayRange[];
export function childRanges(range: YearRange): MonthRange[];
export function childRanges(range: MonthRange | YearRange): DateRange[] {
  if (range.unit === 'year') {
    return Array.from({ length: 12 }, (_, i) => ({
      unit: 'month',
      year: range.year,
      month: i + 1,
    }));
  }
  return Array.from({ length: daysInMonth(range.year, range.month) }, (_, i) => ({
    unit: 'day',
    year: range.year,
    month: range.month,
    day: i + 1,
  }));
}

/** How readers name a range: `2021年`, `2021年12月`, `2021年12月20日`. */
export function rangeLabel(range: DateRange): string {
  if (range.unit === 'year') return `${range.year}年`;
  if (range.unit === 'month') return `${range.year}年${range.month}月`;
  return `${range.year}年${range.month}月${range.day}日`;
}

/**
 * Whether a range ended before yesterday began (in `timeZone`): no post dated in it can still
 * come due by itself, and one arriving late for yesterday is not shut out of a long cache.
 */
export function isPast(range: DateRange, now: number, timeZone = TIME_ZONE): boolean {
  const yesterday = shiftRange(rangeAt(now, 'day', timeZone), -1);
  return rangeBounds(range, timeZone).end <= rangeBounds(yesterday, timeZone).start;
}

/** Monday-first weekday of a day: 0 for Monday … 6 for Sunday. */
export function weekdayOf(day: DayRange): number {
  return (new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7;
}
