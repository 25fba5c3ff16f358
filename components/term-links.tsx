import { TermLinkList } from '@/components/term-link-list';
import { termLinks } from '@/lib/cards';
import { getTermNames } from '@/lib/store';
import type { TermKind } from '@/lib/types';

/** A post's categories or tags as links to their list pages, under the names readers see. */
export function TermLinks({ kind, names }: { kind: TermKind; names: string[] }) {
  return <TermLinkList kind={kind} links={termLinks(kind, names, getTermNames())} />;
}
