import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getTermList } from '@/lib/content/queries';
import { getTerms } from '@/lib/content/store';
import { truncate } from '@/lib/content/text';
import { decodeParam, tagHref } from '@/lib/format';
import { listingMetadata, SITE_FEED, tagFeed } from '@/lib/seo';
import { SITE_NAME } from '@/lib/site';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ tag: string }> };

export function generateStaticParams() {
  return getTerms('tag')
    .slice(0, 20)
    .map((t) => ({ tag: t.name }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const list = getTermList('tag', decodeParam((await params).tag), 1);
  if (!list) return {};
  const newest = list.items[0] ? `最新：${truncate(list.items[0].title, 40)}` : '';
  return listingMetadata({
    title: `标签：${list.name}`,
    description: `${SITE_NAME}标签「${list.name}」下的 ${list.total} 篇文章，按时间倒序。${newest}`,
    path: tagHref(list.name),
    feeds: [tagFeed(list.name), SITE_FEED],
  });
}

export default async function TagPage({ params }: Props) {
  const list = getTermList('tag', decodeParam((await params).tag), 1);
  if (!list) notFound();
  return (
    <Listing
      heading={`标签：${list.name}`}
      intro={`共 ${list.total} 篇`}
      list={list}
      href={(p) => tagHref(list.name, p)}
    />
  );
}
