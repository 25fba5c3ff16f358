import Link from 'next/link';

import { archiveHref } from '@/lib/archive-paths';
import { rangeLabel, weekdayOf, type DayRange, type MonthRange } from '@/lib/date-range';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

type DayCount = { day: DayRange; count: number };

/** The month's days in Monday-first weeks, blank cells before the 1st and after the last day. */
function weeks(days: DayCount[]): (DayCount | null)[][] {
  const first = days[0];
  const cells: (DayCount | null)[] = [
    ...Array.from({ length: first ? weekdayOf(first.day) : 0 }, () => null),
    ...days,
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

/** A month as a calendar: each day with posts links to its day page and shows how many. */
export function MonthCalendar({
  month,
  days,
  category,
}: {
  month: MonthRange;
  days: DayCount[];
  category: string | null;
}) {
  return (
    <table className="mt-4 w-full table-fixed border-collapse text-center">
      <caption className="text-muted mb-2 text-left text-sm">
        {rangeLabel(month)}每天的文章数
      </caption>
      <thead>
        <tr>
          {WEEKDAYS.map((d) => (
            <th
              key={d}
              scope="col"
              abbr={`星期${d}`}
              className="text-muted py-1 text-sm font-normal"
            >
              {d}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks(days).map((week, i) => (
          <tr key={i}>
            {week.map((cell, j) => (
              <td key={j} className="border-line h-16 border p-0 align-middle">
                {cell && cell.count > 0 ? (
                  <Link
                    href={archiveHref(cell.day, category)}
                    prefetch={false}
                    className="hover:bg-chip flex h-16 flex-col items-center justify-center"
                  >
                    <span className="text-ink font-semibold">
                      {cell.day.day}
                      <span className="sr-only">日</span>
                    </span>{' '}
                    <span className="text-accent text-xs">{cell.count} 篇</span>
                  </Link>
                ) : cell ? (
                  <span className="text-faint">{cell.day.day}</span>
                ) : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
