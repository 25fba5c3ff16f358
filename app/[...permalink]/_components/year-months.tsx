import clsx from 'clsx';
import Link from 'next/link';

import { archiveHref } from '@/lib/archive-paths';
import type { MonthRange } from '@/lib/date-range';

/** A year's twelve months with their numbers of posts; months with posts link to their calendar. */
export function YearMonths({
  months,
  category,
}: {
  months: { month: MonthRange; count: number }[];
  category: string | null;
}) {
  const box = 'block rounded border px-3 py-3 text-center';
  return (
    <ol aria-label="各月的文章数" className="mt-4 grid grid-cols-3 gap-2 sm:grid-cols-4">
      {months.map(({ month, count }) => (
        <li key={month.month}>
          {count > 0 ? (
            <Link
              href={archiveHref(month, category)}
              prefetch={false}
              className={clsx(box, 'border-line hover:border-accent')}
            >
              <span className="text-ink block font-semibold">{month.month}月</span>
              <span className="text-accent block text-sm">{count} 篇</span>
            </Link>
          ) : (
            <span className={clsx(box, 'border-line text-faint border-dashed')}>
              <span className="block">{month.month}月</span>
              <span className="block text-sm">无文章</span>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
