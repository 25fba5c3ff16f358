import type { Metadata } from 'next';

import { SearchHelp } from '@/app/search/_components/search-help';
import { SearchIndexing } from '@/app/search/_components/search-indexing';
import { searchHref, SearchResults } from '@/app/search/_components/search-results';
import { SearchForm } from '@/components/search-form';
import { pageParam } from '@/lib/format';
import { parseQuery } from '@/lib/search-query';
import { getSearchResults } from '@/lib/store';

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

function pageOf(value: string | string[] | undefined): number {
  const first = Array.isArray(value) ? value[0] : value;
  return (first && pageParam(first)) || 1;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = parseQuery((await searchParams).q);
  return {
    title: query.ok ? `搜索：${query.text}` : '搜索',
    robots: { index: false, follow: true },
    alternates: { canonical: '/search' },
  };
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = parseQuery(params.q);
  const page = pageOf(params.page);
  const found = query.ok ? await getSearchResults(query.terms, page) : null;
  const results = found?.results ?? null;
  return (
    <section>
      <h1 className="text-ink text-2xl font-bold break-words">
        {query.ok ? `搜索：${query.text}` : '搜索'}
      </h1>
      <SearchForm id="search-page-q" label="搜索文章" defaultValue={query.text} className="mt-4" />
      {found && found.backlog.pending > 0 ? <SearchIndexing {...found.backlog} /> : null}
      {!query.ok ? (
        <SearchHelp reason={query.reason} />
      ) : results ? (
        <SearchResults q={query.text} terms={query.terms} results={results} />
      ) : (
        <SearchHelp reason="past-end" firstPage={searchHref(query.text)} />
      )}
    </section>
  );
}
