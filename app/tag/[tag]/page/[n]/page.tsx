import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getTermList } from '@/lib/content/queries';
import { decodeParam, pageParam, tagHref } from '@/lib/format';
import { listingMetadata, SITE_FEED, tagFeed } from '@/lib/seo';
import { SITE_NAME } from '@/lib/site';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ tag: string; n: string }> };

export function generateStaticParams() {
  return [];
}

async function load(params: Props['params']) {
  const { tag, n } = await params;
  const page = pageParam(n);
  return page ? { page, list: getTermList('tag', decodeParam(tag), page) } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load(params);
  if (!loaded?.list) return {};
  const { page, list } = loaded;
  return listingMetadata({
    title: `标签：${list.name} 第 ${page} 页`,
    description: `${SITE_NAME}标签「${list.name}」下的 ${list.total} 篇文章，按时间倒序，第 ${page} / ${list.pages} 页。`,
    path: tagHref(list.name, page),
    feeds: [tagFeed(list.name), SITE_FEED],
  });
}

export default async function TagPageN({ params }: Props) {
  const loaded = await load(params);
  if (!loaded?.list) notFound();
  const { page, list } = loaded;
  return (
    <Listing
      heading={`标签：${list.name} · 第 ${page} 页`}
      intro={`共 ${list.total} 篇`}
      list={list}
      href={(p) => tagHref(list.name, p)}
    />
  );
}
