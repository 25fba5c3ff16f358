import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { ByDateLink } from '@/components/by-date-link';
import { Listing } from '@/components/listing';
import { homeHref } from '@/lib/format';
import { liveParam } from '@/lib/live';
import { listingMetadata } from '@/lib/seo';
import { SITE_DESCRIPTION, SITE_NAME } from '@/lib/site';
import { getHomeList } from '@/lib/store';

export const revalidate = 60;

export function generateMetadata(): Metadata {
  return listingMetadata({
    title: `${SITE_NAME}：最新财经新闻与快讯`,
    absolute: true,
    description: SITE_DESCRIPTION,
    path: homeHref(),
  });
}

export default async function HomePage() {
  const list = await getHomeList(1);
  if (!list) notFound();
  return (
    <Listing
      heading="最新文章"
      intro={`共 ${list.total} 篇`}
      aside={<ByDateLink date={list.items[0]?.date} />}
      list={list}
      href={homeHref}
      live={liveParam(null)}
    />
  );
}
