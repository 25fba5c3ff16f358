import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getTermList } from '@/lib/content/queries';
import { categoryHref, decodeParam, pageParam } from '@/lib/format';
import { categoryFeed, listingMetadata, SITE_FEED } from '@/lib/seo';
import { SITE_NAME } from '@/lib/site';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ name: string; n: string }> };

export function generateStaticParams() {
  return [];
}

async function load(params: Props['params']) {
  const { name, n } = await params;
  const page = pageParam(n);
  return page ? { page, list: getTermList('category', decodeParam(name), page) } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load(params);
  if (!loaded?.list) return {};
  const { page, list } = loaded;
  return listingMetadata({
    title: `分类：${list.name} 第 ${page} 页`,
    description: `${SITE_NAME}「${list.name}」分类下的 ${list.total} 篇文章，按时间倒序，第 ${page} / ${list.pages} 页。`,
    path: categoryHref(list.name, page),
    feeds: [categoryFeed(list.name), SITE_FEED],
  });
}

export default async function CategoryPageN({ params }: Props) {
  const loaded = await load(params);
  if (!loaded?.list) notFound();
  const { page, list } = loaded;
  return (
    <Listing
      heading={`分类：${list.name} · 第 ${page} 页`}
      intro={`共 ${list.total} 篇`}
      list={list}
      href={(p) => categoryHref(list.name, p)}
    />
  );
}
