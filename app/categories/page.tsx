import type { Metadata } from 'next';

import { TermIndex } from '@/components/term-index';
import { getTermCounts } from '@/lib/content/queries';
import { categoryHref } from '@/lib/format';
import { listingMetadata } from '@/lib/seo';
import { SITE_NAME } from '@/lib/site';

export const revalidate = 60;

export function generateMetadata(): Metadata {
  return listingMetadata({
    title: '全部分类',
    description: `按来源浏览${SITE_NAME}的全部 ${getTermCounts('category').length} 个分类，附各分类文章数。`,
    path: '/categories',
  });
}

export default function CategoriesPage() {
  return (
    <TermIndex
      heading="全部分类"
      terms={getTermCounts('category')}
      href={(name) => categoryHref(name)}
    />
  );
}
