import { describe, expect, it } from 'vitest';

import {
  datePartsIn,
  intlParts,
  jekyllMisreadsAsUtc,
  parseDateText,
  wallTimeToInstant,
} from '@/lib/content/dates';

const TZ = 'Asia/Shanghai';

/** The instant `parseDateText` reads, as an ISO string, or null. */
function instant(text: string, timeZone = TZ): string | null {
  const parsed = parseDateText(text, timeZone);
  return parsed ? new Date(parsed.ms).toISOString() : null;
}

describe('parseDateText', () => {
  it.each([
    ['2024-03-01 10:46:18', '2024-03-01T02:46:18.000Z'],
    ['2021-12-20 19:02:33 +0800', '2021-12-20T11:02:33.000Z'],
    ['2024-03-01T10:00:00+08:00', '2024-03-01T02:00:00.000Z'],
    ['2024-02-29T18:30:00Z', '2024-02-29T18:30:00.000Z'],
    ['2024-03-01 10:00:00 UTC', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01 10:00:00 -0500', '2024-03-01T15:00:00.000Z'],
    ['2024-03-01 10:00:00 +05:30', '2024-03-01T04:30:00.000Z'],
    ['2024-03-01 10:00:00 +08', '2024-03-01T02:00:00.000Z'],
    ['2024-03-01 10:00:00 +8', '2024-03-01T02:00:00.000Z'],
    ['2024-03-01 10:00:00.250 +0800', '2024-03-01T02:00:00.250Z'],
    ['2024-03-01 10:00', '2024-03-01T02:00:00.000Z'],
    ['2024-3-1 9:05:00', '2024-03-01T01:05:00.000Z'],
    ['2024-03-01', '2024-02-29T16:00:00.000Z'],
    ['  2024-03-01 10:00:00 +0800  ', '2024-03-01T02:00:00.000Z'],
    ['2024-02-29 12:00:00', '2024-02-29T04:00:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(instant(text)).toBe(expected);
  });

  it.each([
    '2024-13-45 99:00',
    '2024-02-30 10:00:00',
    '2023-02-29 10:00:00',
    '2024-03-01 24:00:00',
    '2024-03-01 10:60:00',
    '2024-03-01 10:00:61',
    '2024-03-01 10:00:00 +2500',
    '+0800',
    '',
    '2024/03/01 10:00:00',
    '昨天下午',
  ])('rejects %j', (text) => {
    expect(parseDateText(text, TZ)).toBeNull();
  });

  it('says whether the text carried a zone, and keeps the wall-clock time read as UTC', () => {
    expect(parseDateText('2024-03-01 17:05:00', TZ)).toEqual({
      ms: Date.parse('2024-03-01T09:05:00Z'),
      zoned: false,
      naiveMs: Date.parse('2024-03-01T17:05:00Z'),
    });
    expect(parseDateText('2024-03-01 17:05:00 +0800', TZ)?.zoned).toBe(true);
  });

  it('reads zone-less dates in the zone it is given, daylight saving included', () => {
    expect(instant('2024-07-01 12:00:00', 'America/New_York')).toBe('2024-07-01T16:00:00.000Z');
    expect(instant('2024-01-15 12:00:00', 'America/New_York')).toBe('2024-01-15T17:00:00.000Z');
    expect(instant('2024-07-01 12:00:00', 'UTC')).toBe('2024-07-01T12:00:00.000Z');
  });
});

describe('wallTimeToInstant', () => {
  it('turns Beijing midnight into 16:00Z of the day before', () => {
    expect(new Date(wallTimeToInstant(Date.UTC(2024, 2, 1), TZ)).toISOString()).toBe(
      '2024-02-29T16:00:00.000Z',
    );
  });

  it('is the identity in UTC and follows daylight saving elsewhere', () => {
    const noon = Date.UTC(2024, 6, 1, 12);
    expect(wallTimeToInstant(noon, 'UTC')).toBe(noon);
    expect(new Date(wallTimeToInstant(noon, 'Europe/Berlin')).toISOString()).toBe(
      '2024-07-01T10:00:00.000Z',
    );
    expect(
      new Date(wallTimeToInstant(Date.UTC(2024, 0, 1, 12), 'Europe/Berlin')).toISOString(),
    ).toBe('2024-01-01T11:00:00.000Z');
  });
});

describe('jekyllMisreadsAsUtc', () => {
  it.each([
    ['2024-03-01 10:46:18', true],
    ['2024-03-01T10:46:18', true],
    ['2024-3-1 9:46:18.5', true],
    ['2024-03-01 10:46', false],
    ['2024-03-01', false],
    ['2024-03-01 10:46:18 +0800', false],
    ['2024-03-01 10:46:18 +08:00', false],
    ['2024-03-01T10:46:18Z', false],
    ['+0800', false],
  ])('%s → %s', (text, misread) => {
    expect(jekyllMisreadsAsUtc(text)).toBe(misread);
  });
});

describe('datePartsIn', () => {
  it('gives the zero-padded wall-clock parts in the site zone', () => {
    expect(datePartsIn(Date.parse('2024-02-29T16:00:00Z'), 'Asia/Shanghai')).toEqual({
      year: '2024',
      month: '03',
      day: '01',
      hour: '00',
      minute: '00',
      second: '00',
    });
    expect(datePartsIn(Date.parse('2021-12-20T11:02:33Z'), 'Asia/Shanghai')).toMatchObject({
      hour: '19',
      second: '33',
    });
  });
});

describe('datePartsIn agrees with Intl in every zone, across offset changes', () => {
  it.each([
    'Asia/Shanghai',
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
  ])('%s', (zone) => {
    // Every 7 minutes 13 seconds across 2024, which crosses every DST change of that year.
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2025, 0, 1); ms += 433_000) {
      expect(datePartsIn(ms, zone)).toEqual(intlParts(ms, zone));
    }
  });
});
