// How a date archive names itself: its heading and title (`2021年12月20日 的文章`,
// `工信微报 · 2021年12月`), description, canonical URL and feeds.
import type { Metadata } from 'next';

import { archiveHref } from '@/lib/archive-paths';
import type { DateArchive } from '@/lib/date-archive';
import { rangeLabel } from '@/lib/date-range';
import { listingMetadata, SITE_FEED, termFeed } from '@/lib/seo';
import { SITE_NAME } from '@/lib/site';
import { termLabel } from '@/lib/terms';

/** The archive's page number: a day's list is paginated, a month or year is one page. */
export function archivePage(archive: DateArchive): number {
  return archive.unit === 'day' ? archive.list.page : 1;
}

/** Its URL, site-wide or under its category. */
export function archiveSelf(archive: DateArchive, page = archivePage(archive)): string {
  return archiveHref(archive.range, archive.term?.name ?? null, page);
}

function baseTitle(archive: DateArchive): string {
  const label = rangeLabel(archive.range);
  return archive.term ? `${termLabel(archive.term)} · ${label}` : `${label} 的文章`;
}

export function archiveHeading(archive: DateArchive): string {
  const page = archivePage(archive);
  return page > 1 ? `${baseTitle(archive)} · 第 ${page} 页` : baseTitle(archive);
}

function description(archive: DateArchive): string {
  const scope = archive.term ? `「${termLabel(archive.term)}」` : '';
  const about = `${SITE_NAME}${scope}${rangeLabel(archive.range)}的 ${archive.total} 篇文章`;
  if (archive.unit === 'month') return `${about}：每天的文章数，点日期阅读当天的文章。`;
  if (archive.unit === 'year') return `${about}：各月的文章数。`;
  const { page, pages } = archive.list;
  return `${about}，按时间倒序${page > 1 ? `，第 ${page} / ${pages} 页` : ''}。`;
}

export function archiveMetadata(archive: DateArchive): Metadata {
  const page = archivePage(archive);
  return listingMetadata({
    title: page > 1 ? `${baseTitle(archive)} 第 ${page} 页` : baseTitle(archive),
    description: description(archive),
    path: archiveSelf(archive),
    // A feed of one day would never be told of a new post: readers subscribe to the list's own.
    feeds: archive.term ? [termFeed(archive.term), SITE_FEED] : [SITE_FEED],
  });
}
