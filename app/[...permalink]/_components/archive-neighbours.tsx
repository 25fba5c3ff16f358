import clsx from 'clsx';
import Link from 'next/link';

import { archiveHref } from '@/lib/archive-paths';
import type { DateArchive } from '@/lib/date-archive';
import { rangeLabel, type DateRange } from '@/lib/date-range';

const NAV_LABEL = { day: '前后日期', month: '前后月份', year: '前后年份' } as const;

function Neighbour({
  range,
  category,
  label,
  className,
}: {
  range: DateRange;
  category: string | null;
  label: string;
  className?: string;
}) {
  return (
    <Link
      href={archiveHref(range, category)}
      className={clsx('border-line hover:border-accent block rounded border px-3 py-2', className)}
    >
      <span className="text-muted block text-[13px]">{label}</span>
      <span className="text-ink block">{rangeLabel(range)}</span>
    </Link>
  );
}

/** The nearest earlier and later day (month, year) that has posts: empty ones are skipped. */
export function ArchiveNeighbours({ archive }: { archive: DateArchive }) {
  const { prev, next } = archive;
  if (!prev && !next) return null;
  const category = archive.term?.name ?? null;
  return (
    <nav aria-label={NAV_LABEL[archive.unit]} className="mt-8 grid grid-cols-2 gap-3">
      {prev ? <Neighbour range={prev} category={category} label="← 更早" /> : <span />}
      {next ? (
        <Neighbour range={next} category={category} label="更晚 →" className="text-right" />
      ) : null}
    </nav>
  );
}
