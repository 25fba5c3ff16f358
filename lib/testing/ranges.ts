// Date ranges for tests, by their numbers: a day, month or year that must exist.
import { dateRange, type DayRange, type MonthRange, type YearRange } from '@/lib/date-range';

function must<T>(range: T | null, what: string): T {
  if (!range) throw new Error(`${what} is no date of the archive years`);
  return range;
}

export const day = (y: number, m: number, d: number): DayRange =>
  must(dateRange(y, m, d), `${y}-${m}-${d}`);
export const month = (y: number, m: number): MonthRange => must(dateRange(y, m), `${y}-${m}`);
export const year = (y: number): YearRange => must(dateRange(y), `${y}`);
