import Link from 'next/link';

import { termHref } from '@/lib/terms';
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
  return (
    <section>
      <h1 className="text-2xl font-bold text-stone-900">{heading}</h1>
      <ul className="mt-4 flex flex-wrap gap-2">
        {terms.map((t) => (
          <li key={t.key}>
            <Link
              href={termHref({ kind, name: t.name })}
              className="inline-block rounded border border-stone-300 px-3 py-1.5 text-stone-800 hover:border-red-700 hover:text-red-700"
            >
              {t.name} <span className="text-sm text-stone-500">({t.count})</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
