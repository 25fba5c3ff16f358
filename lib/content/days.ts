// Days in the site zone as the index keeps them: YYYYMMDD numbers (2021-12-20 is 20211220),
// and the instants a day starts and ends.
import { datePartsIn, wallTimeToInstant } from '@/lib/content/dates';

/** The day an instant falls on in `timeZone`, as YYYYMMDD. */
export function dayOf(ms: number, timeZone: string): number {
  const p = datePartsIn(ms, timeZone);
  return Number(p.year) * 10_000 + Number(p.month) * 100 + Number(p.day);
}

/** The instant a YYYYMMDD day starts in `timeZone`. */
export function dayStart(day: number, timeZone: string): number {
  const y = Math.floor(day / 10_000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  return wallTimeToInstant(Date.UTC(y, m - 1, d), timeZone);
}

/** The YYYYMMDD day after `day`. */
export function nextDay(day: number): number {
  const y = Math.floor(day / 10_000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.getUTCFullYear() * 10_000 + (next.getUTCMonth() + 1) * 100 + next.getUTCDate();
}
