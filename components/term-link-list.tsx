import Link from 'next/link';

import type { TermLink } from '@/lib/cards';
import { TERM_KINDS } from '@/lib/terms';
import type { TermKind } from '@/lib/types';

const LOOK: Record<TermKind, { className: string; text: (label: string) => string }> = {
  category: { className: 'text-accent hover:underline', text: (label) => label },
  tag: {
    className: 'rounded bg-chip px-1.5 py-0.5 text-ink hover:bg-chip-hover',
    text: (label) => `#${label}`,
  },
};

/** Categories or tags as links to their list pages (labels already resolved). */
export function TermLinkList({ kind, links }: { kind: TermKind; links: TermLink[] }) {
  if (links.length === 0) return null;
  const look = LOOK[kind];
  return (
    <ul className="inline-flex flex-wrap gap-x-2 gap-y-1" aria-label={TERM_KINDS[kind].label}>
      {links.map((link) => (
        <li key={link.href}>
          <Link href={link.href} className={look.className}>
            {look.text(link.label)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
