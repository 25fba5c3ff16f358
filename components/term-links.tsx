import Link from 'next/link';

import { categoryHref, tagHref } from '@/lib/format';

export function TermLinks({ kind, names }: { kind: 'category' | 'tag'; names: string[] }) {
  if (names.length === 0) return null;
  const href = kind === 'category' ? categoryHref : tagHref;
  return (
    <ul className="inline-flex flex-wrap gap-x-2 gap-y-1" aria-label={kind === 'category' ? '分类' : '标签'}>
      {names.map((name) => (
        <li key={name}>
          <Link
            href={href(name)}
            className={
              kind === 'category'
                ? 'text-red-700 hover:underline'
                : 'rounded bg-stone-100 px-1.5 py-0.5 text-stone-700 hover:bg-stone-200'
            }
          >
            {kind === 'tag' ? `#${name}` : name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
