import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getPostList } from '@/lib/content/store';
import { homeHref, pageParam } from '@/lib/format';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ n: string }> };

export function generateStaticParams() {
  return [{ n: '2' }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { n } = await params;
  return { title: `最新文章 第 ${n} 页`, alternates: { canonical: homeHref(Number(n)) } };
}

export default async function HomePageN({ params }: Props) {
  const page = pageParam((await params).n);
  const list = page ? getPostList(page) : null;
  if (!list) notFound();
  return <Listing heading={`最新文章 · 第 ${page} 页`} intro={`共 ${list.total} 篇`} list={list} href={homeHref} />;
}
