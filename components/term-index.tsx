import Link from 'next/link';

import { getTermNames } from '@/lib/store';
import { labelled, termHref, termLabel } from '@/lib/terms';
import type { TermCount, TermKind } from '@/lib/types';

export function TermIndex({
  kind,
  heading,
  terms,
}: {
  kind: TermKind;
  heading: string;
  terms: TermCount[];
}) {
  const names = getTermNames();
  return (
    <section>
      <h1 className="text-ink text-2xl font-bold">{heading}</h1>
      <ul className="mt-4 flex flex-wrap gap-2">
        {terms.map((t) => (
          <li key={t.key}>
            <Link
              href={termHref({ kind, name: t.name })}
              className="border-line text-ink hover:border-accent hover:text-accent inline-block rounded border px-3 py-1.5"
            >
              {termLabel(labelled({ kind, name: t.name }, names))}{' '}
              <span className="text-faint text-sm">({t.count})</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
