import Link from 'next/link';

import { Highlighted } from '@/app/search/_components/highlighted';
import { Pagination } from '@/components/pagination';
import { PostDate } from '@/components/post-date';
import { TermLinks } from '@/components/term-links';
import type { SearchPage } from '@/lib/types';
import { articleHref, truncate } from '@/lib/format';

export function searchHref(q: string, page = 1): string {
  return `/search?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ''}`;
}

export function SearchResults({
  q,
  terms,
  results,
}: {
  q: string;
  terms: string[];
  results: SearchPage;
}) {
  if (results.total === 0) {
    return (
      <div className="text-ink mt-6">
        <p>没有找到包含「{q}」的文章。</p>
        <p className="text-faint mt-2 text-sm">试试更短的词，或减少关键词的个数。</p>
      </div>
    );
  }
  return (
    <>
      <p className="text-faint mt-4 text-sm">
        {results.capped
          ? `找到超过 ${results.total} 篇，显示最相关的 ${results.total} 篇`
          : `找到 ${results.total} 篇`}
      </p>
      <ol className="divide-line divide-y">
        {results.items.map((hit) => (
          <li key={hit.path} className="py-4">
            <h2 className="text-ink text-[17px] leading-snug font-semibold break-words">
              <Link href={articleHref(hit.url)} className="hover:text-accent">
                <Highlighted text={truncate(hit.title, 80)} terms={terms} />
              </Link>
            </h2>
            {hit.snippet ? (
              <p className="text-muted mt-1 text-[15px] leading-relaxed break-words">
                <Highlighted text={hit.snippet} terms={terms} />
              </p>
            ) : null}
            <div className="text-faint mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-[13px]">
              <PostDate date={hit.date} />
              <TermLinks kind="category" names={hit.categories} />
            </div>
          </li>
        ))}
      </ol>
      <Pagination page={results.page} pages={results.pages} href={(p) => searchHref(q, p)} />
    </>
  );
}
