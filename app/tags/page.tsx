import type { Metadata } from 'next';

import { TermIndex } from '@/components/term-index';
import { getTermCounts } from '@/lib/content/queries';
import { tagHref } from '@/lib/format';
import { listingMetadata } from '@/lib/seo';
import { SITE_NAME } from '@/lib/site';

export const revalidate = 60;

export function generateMetadata(): Metadata {
  return listingMetadata({
    title: '全部标签',
    description: `按标签浏览${SITE_NAME}的全部 ${getTermCounts('tag').length} 个标签，附各标签文章数。`,
    path: '/tags',
  });
}

export default function TagsPage() {
  return (
    <TermIndex heading="全部标签" terms={getTermCounts('tag')} href={(name) => tagHref(name)} />
  );
}
