import { describe, expect, it } from 'vitest';

import {
  childRanges,
  dateRange,
  isPast,
  rangeAt,
  rangeBounds,
  rangeLabel,
  shiftRange,
  weekdayOf,
  type DateRange,
} from '@/lib/date-range';
import { day, month, year } from '@/lib/testing/ranges';

const BEIJING = 'Asia/Shanghai';
const label = (range: DateRange) => rangeLabel(range);

describe('date ranges', () => {
  it('exist only for real dates of 1970 to 2100', () => {
    expect(dateRange(2024, 2, 29)).toEqual({ unit: 'day', year: 2024, month: 2, day: 29 });
    expect(dateRange(2021, 2, 29)).toBeNull();
    expect(dateRange(2021, 2, 30)).toBeNull();
    expect(dateRange(2021, 13)).toBeNull();
    expect(dateRange(2021, 0)).toBeNull();
    expect(dateRange(1969)).toBeNull();
    expect(dateRange(2101, 1)).toBeNull();
    expect(dateRange(1970)).toEqual({ unit: 'year', year: 1970 });
    expect(dateRange(2100, 12, 31)).toMatchObject({ unit: 'day' });
  });

  it('start and end at midnight in the site zone', () => {
    expect(rangeBounds(day(2021, 12, 20), BEIJING)).toEqual({
      start: Date.parse('2021-12-19T16:00:00Z'),
      end: Date.parse('2021-12-20T16:00:00Z'),
    });
    expect(rangeBounds(month(2021, 12), BEIJING)).toEqual({
      start: Date.parse('2021-11-30T16:00:00Z'),
      end: Date.parse('2021-12-31T16:00:00Z'),
    });
    expect(rangeBounds(year(2021), 'UTC')).toEqual({
      start: Date.parse('2021-01-01T00:00:00Z'),
      end: Date.parse('2022-01-01T00:00:00Z'),
    });
    // The day the clocks sprang forward in New York had 23 hours.
    const { start, end } = rangeBounds(day(2021, 3, 14), 'America/New_York');
    expect(end - start).toBe(23 * 3600_000);
  });

  it('hold an instant by its wall-clock date in the zone', () => {
    expect(label(rangeAt(Date.parse('2021-12-20T15:59:59Z'), 'day', BEIJING))).toBe(
      '2021年12月20日',
    );
    expect(label(rangeAt(Date.parse('2021-12-20T16:00:00Z'), 'day', BEIJING))).toBe(
      '2021年12月21日',
    );
    expect(label(rangeAt(Date.parse('2021-12-20T16:30:00Z'), 'day', 'UTC'))).toBe('2021年12月20日');
    expect(label(rangeAt(Date.parse('2020-12-31T16:30:00Z'), 'year', BEIJING))).toBe('2021年');
  });

  it('step by their unit across month and year ends', () => {
    expect(label(shiftRange(day(2021, 12, 31), 1))).toBe('2022年1月1日');
    expect(label(shiftRange(day(2024, 3, 1), -1))).toBe('2024年2月29日');
    expect(label(shiftRange(month(2021, 1), -1))).toBe('2020年12月');
    expect(label(shiftRange(year(2021), 2))).toBe('2023年');
  });

  it('are past once yesterday began after they ended', () => {
    const now = Date.parse('2021-12-22T02:00:00Z'); // 10:00 on the 22nd in Beijing
    expect(isPast(day(2021, 12, 20), now, BEIJING)).toBe(true);
    expect(isPast(day(2021, 12, 21), now, BEIJING)).toBe(false);
    expect(isPast(day(2021, 12, 22), now, BEIJING)).toBe(false);
    expect(isPast(month(2021, 11), now, BEIJING)).toBe(true);
    expect(isPast(month(2021, 12), now, BEIJING)).toBe(false);
    // On the 1st, yesterday is still in last month: last month is not over yet.
    expect(isPast(month(2021, 11), Date.parse('2021-12-01T02:00:00Z'), BEIJING)).toBe(false);
  });

  it('lay out a month in Monday-first weeks', () => {
    expect(weekdayOf(day(2021, 12, 20))).toBe(0);
    expect(weekdayOf(day(2021, 12, 26))).toBe(6);
    expect(childRanges(month(2024, 2))).toHaveLength(29);
    expect(childRanges(year(2024)).map(label)[11]).toBe('2024年12月');
  });
});
