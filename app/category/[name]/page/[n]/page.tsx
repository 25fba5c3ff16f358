import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getTermPage } from '@/lib/content/store';
import { categoryHref, decodeParam, pageParam } from '@/lib/format';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ name: string; n: string }> };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, n } = await params;
  const decoded = decodeParam(name);
  return {
    title: `${decoded} 分类 第 ${n} 页`,
    alternates: { canonical: categoryHref(decoded, Number(n)) },
  };
}

export default async function CategoryPageN({ params }: Props) {
  const { name: raw, n } = await params;
  const name = decodeParam(raw);
  const page = pageParam(n);
  const list = page ? getTermPage('category', name, page) : null;
  if (!list) notFound();
  return (
    <Listing
      heading={`分类：${list.name} · 第 ${page} 页`}
      intro={`共 ${list.total} 篇`}
      list={list}
      href={(p) => categoryHref(list.name, p)}
    />
  );
}
