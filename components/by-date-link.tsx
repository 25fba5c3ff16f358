import Link from 'next/link';

import { archiveHref } from '@/lib/archive-paths';
import { inArchiveYears, rangeAt } from '@/lib/date-range';

/**
 * "按日期浏览": the way from a list into its date archive, at the month of the first post it
 * shows (deep history is reached by date, not by paging). Site-wide, or a category's archive.
 */
export function ByDateLink({
  date,
  category = null,
}: {
  date: number | undefined;
  category?: string | null;
}) {
  const month = date === undefined ? null : rangeAt(date, 'month');
  if (!month || !inArchiveYears(month)) return null;
  return (
    <Link href={archiveHref(month, category)} className="text-accent hover:underline">
      按日期浏览
    </Link>
  );
}
