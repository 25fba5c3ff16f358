import type { Metadata } from 'next';

import { TermIndex } from '@/components/term-index';
import { getTerms } from '@/lib/content/store';
import { tagHref } from '@/lib/format';

export const revalidate = 60;
export const metadata: Metadata = { title: '全部标签', alternates: { canonical: '/tags' } };

export default function TagsPage() {
  return <TermIndex heading="全部标签" terms={getTerms('tag')} href={(name) => tagHref(name)} />;
}
