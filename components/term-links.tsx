import Link from 'next/link';

import { TERM_KINDS, termHref } from '@/lib/terms';
import type { TermKind } from '@/lib/types';

const LOOK: Record<TermKind, { className: string; text: (name: string) => string }> = {
  category: { className: 'text-red-700 hover:underline', text: (name) => name },
  tag: {
    className: 'rounded bg-stone-100 px-1.5 py-0.5 text-stone-700 hover:bg-stone-200',
    text: (name) => `#${name}`,
  },
};

/** A post's categories or tags as links to their list pages. */
export function TermLinks({ kind, names }: { kind: TermKind; names: string[] }) {
  if (names.length === 0) return null;
  const look = LOOK[kind];
  return (
    <ul className="inline-flex flex-wrap gap-x-2 gap-y-1" aria-label={TERM_KINDS[kind].label}>
      {names.map((name) => (
        <li key={name}>
          <Link href={termHref({ kind, name })} className={look.className}>
            {look.text(name)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
