import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getTermList } from '@/lib/content/queries';
import { getTerms } from '@/lib/content/store';
import { truncate } from '@/lib/content/text';
import { categoryHref, decodeParam } from '@/lib/format';
import { categoryFeed, listingMetadata, SITE_FEED } from '@/lib/seo';
import { SITE_NAME } from '@/lib/site';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ name: string }> };

export function generateStaticParams() {
  return getTerms('category')
    .slice(0, 20)
    .map((t) => ({ name: t.key }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const list = getTermList('category', decodeParam((await params).name), 1);
  if (!list) return {};
  const newest = list.items[0] ? `最新：${truncate(list.items[0].title, 40)}` : '';
  return listingMetadata({
    title: `分类：${list.name}`,
    description: `${SITE_NAME}「${list.name}」分类下的 ${list.total} 篇文章，按时间倒序。${newest}`,
    path: categoryHref(list.name),
    feeds: [categoryFeed(list.name), SITE_FEED],
  });
}

export default async function CategoryPage({ params }: Props) {
  const list = getTermList('category', decodeParam((await params).name), 1);
  if (!list) notFound();
  return (
    <Listing
      heading={`分类：${list.name}`}
      intro={`共 ${list.total} 篇`}
      list={list}
      href={(p) => categoryHref(list.name, p)}
    />
  );
}
