import Link from 'next/link';

import { TermLinkList } from '@/components/term-link-list';
import { archiveHref } from '@/lib/archive-paths';
import type { DateArchive } from '@/lib/date-archive';
import { termLabel } from '@/lib/terms';

const WHOLE = { day: '当天', month: '当月', year: '全年' } as const;

/** Whether an archive has anywhere across to lead: a category's always, a site-wide day with categories. */
export function hasCrossLinks(archive: DateArchive): boolean {
  return archive.term !== null || (archive.unit === 'day' && archive.categories.length > 0);
}

/** A category's archive leads to the whole site's for the same range; a site-wide day to its categories'. */
export function ArchiveCrossLinks({ archive }: { archive: DateArchive }) {
  if (archive.term) {
    return (
      <Link href={archiveHref(archive.range)} className="text-accent hover:underline">
        全站{WHOLE[archive.unit]}的全部文章
      </Link>
    );
  }
  if (archive.unit !== 'day' || archive.categories.length === 0) return null;
  const links = archive.categories.map(({ term, count }) => ({
    href: archiveHref(archive.range, term.name),
    label: `${termLabel(term)} (${count})`,
  }));
  return (
    <div className="flex flex-wrap gap-x-2">
      <span>当天的分类：</span>
      <TermLinkList kind="category" links={links} />
    </div>
  );
}
