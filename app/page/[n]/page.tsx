import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getHomeList } from '@/lib/content/queries';
import { homeHref, pageParam } from '@/lib/format';
import { listingMetadata } from '@/lib/seo';
import { SITE_NAME } from '@/lib/site';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ n: string }> };

export function generateStaticParams() {
  return [{ n: '2' }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = pageParam((await params).n);
  const list = page ? getHomeList(page) : null;
  if (!page || !list) return {};
  return listingMetadata({
    title: `最新文章 第 ${page} 页`,
    description: `${SITE_NAME}全部 ${list.total} 篇文章，按时间倒序，第 ${page} / ${list.pages} 页。`,
    path: homeHref(page),
  });
}

export default async function HomePageN({ params }: Props) {
  const page = pageParam((await params).n);
  const list = page ? getHomeList(page) : null;
  if (!list) notFound();
  return (
    <Listing
      heading={`最新文章 · 第 ${page} 页`}
      intro={`共 ${list.total} 篇`}
      list={list}
      href={homeHref}
    />
  );
}
