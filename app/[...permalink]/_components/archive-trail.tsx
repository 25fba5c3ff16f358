import Link from 'next/link';

import { archiveHref } from '@/lib/archive-paths';
import type { DateArchive } from '@/lib/date-archive';
import { parentRange, type DateRange } from '@/lib/date-range';
import { termHref, termLabel } from '@/lib/terms';

/** A range's own part of its name: `2021年`, `12月`, `20日`. */
function shortLabel(range: DateRange): string {
  if (range.unit === 'year') return `${range.year}年`;
  return range.unit === 'month' ? `${range.month}月` : `${range.day}日`;
}

/** Where a date archive sits: its category, year and month, as links up. */
export function ArchiveTrail({ archive }: { archive: DateArchive }) {
  const category = archive.term?.name ?? null;
  const ranges: DateRange[] = [];
  for (let r: DateRange | null = archive.range; r; r = parentRange(r)) ranges.unshift(r);
  const crumb = 'text-accent hover:underline';
  return (
    <nav aria-label="日期导航" className="text-muted mb-3 text-sm">
      <ol className="flex flex-wrap items-center gap-x-2">
        {archive.term ? (
          <li>
            <Link href={termHref(archive.term)} className={crumb}>
              {termLabel(archive.term)}
            </Link>
          </li>
        ) : null}
        {ranges.map((range, i) => (
          <li key={range.unit} className="flex items-center gap-x-2">
            {i > 0 || archive.term ? <span aria-hidden="true">›</span> : null}
            {range === archive.range ? (
              <span aria-current="page">{shortLabel(range)}</span>
            ) : (
              <Link href={archiveHref(range, category)} className={crumb}>
                {shortLabel(range)}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
