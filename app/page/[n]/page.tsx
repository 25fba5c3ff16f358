import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { ByDateLink } from '@/components/by-date-link';
import { Listing } from '@/components/listing';
import { homeHref, pageParam } from '@/lib/format';
import { listingMetadata } from '@/lib/seo';
import { SITE_NAME } from '@/lib/site';
import { getHomeList } from '@/lib/store';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ n: string }> };

export function generateStaticParams() {
  return [{ n: '2' }];
}

async function load(params: Props['params']) {
  const page = pageParam((await params).n);
  const list = page ? await getHomeList(page) : null;
  return page && list ? { page, list } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load(params);
  if (!loaded) return {};
  const { page, list } = loaded;
  return listingMetadata({
    title: `最新文章 第 ${page} 页`,
    description: `${SITE_NAME}全部 ${list.total} 篇文章，按时间倒序，第 ${page} / ${list.pages} 页。`,
    path: homeHref(page),
  });
}

export default async function HomePageN({ params }: Props) {
  const loaded = await load(params);
  if (!loaded) notFound();
  const { page, list } = loaded;
  return (
    <Listing
      heading={`最新文章 · 第 ${page} 页`}
      intro={`共 ${list.total} 篇`}
      aside={<ByDateLink date={list.items[0]?.date} />}
      list={list}
      href={homeHref}
    />
  );
}
