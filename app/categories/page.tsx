import type { Metadata } from 'next';

import { TermIndex } from '@/components/term-index';
import { getTerms } from '@/lib/content/store';
import { categoryHref } from '@/lib/format';

export const revalidate = 60;
export const metadata: Metadata = { title: '全部分类', alternates: { canonical: '/categories' } };

export default function CategoriesPage() {
  return <TermIndex heading="全部分类" terms={getTerms('category')} href={(name) => categoryHref(name)} />;
}
