import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getTermPage, getTerms } from '@/lib/content/store';
import { decodeParam, tagHref } from '@/lib/format';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ tag: string }> };

export function generateStaticParams() {
  return getTerms('tag').slice(0, 20).map((t) => ({ tag: t.name }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tag = decodeParam((await params).tag);
  return { title: `标签：${tag}`, alternates: { canonical: tagHref(tag) } };
}

export default async function TagPage({ params }: Props) {
  const tag = decodeParam((await params).tag);
  const list = getTermPage('tag', tag, 1);
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
