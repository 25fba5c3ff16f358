import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getTermPage } from '@/lib/content/store';
import { decodeParam, pageParam, tagHref } from '@/lib/format';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ tag: string; n: string }> };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tag, n } = await params;
  const decoded = decodeParam(tag);
  return { title: `标签：${decoded} 第 ${n} 页`, alternates: { canonical: tagHref(decoded, Number(n)) } };
}

export default async function TagPageN({ params }: Props) {
  const { tag: raw, n } = await params;
  const tag = decodeParam(raw);
  const page = pageParam(n);
  const list = page ? getTermPage('tag', tag, page) : null;
  if (!list) notFound();
  return (
    <Listing
      heading={`标签：${list.name} · 第 ${page} 页`}
      intro={`共 ${list.total} 篇`}
      list={list}
      href={(p) => tagHref(list.name, p)}
    />
  );
}
