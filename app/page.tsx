import { notFound } from 'next/navigation';

import { Listing } from '@/components/listing';
import { getPostList } from '@/lib/content/store';
import { homeHref } from '@/lib/format';

export const revalidate = 60;

export default function HomePage() {
  const list = getPostList(1);
  if (!list) notFound();
  return <Listing heading="最新文章" intro={`共 ${list.total} 篇`} list={list} href={homeHref} />;
}
