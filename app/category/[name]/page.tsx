import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getTermPage, getTerms } from '@/lib/content/store';
import { categoryHref, decodeParam } from '@/lib/format';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ name: string }> };

export function generateStaticParams() {
  return getTerms('category').slice(0, 20).map((t) => ({ name: t.key }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const name = decodeParam((await params).name);
  return { title: `${name} 分类`, alternates: { canonical: categoryHref(name) } };
}

export default async function CategoryPage({ params }: Props) {
  const name = decodeParam((await params).name);
  const list = getTermPage('category', name, 1);
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
