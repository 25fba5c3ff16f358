// The category and tag routes share one shape, built here from a kind: the list and its later
// pages, the feed, and the index of every term. Each route file is a thin caller.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { ByDateLink } from '@/components/by-date-link';
import { Listing } from '@/components/listing';
import { TermIndex } from '@/components/term-index';
import { ATOM_HEADERS, atomFeed } from '@/lib/feed';
import { decodeParam, pageParam, truncate } from '@/lib/format';
import { notFoundText } from '@/lib/http';
import { liveParam } from '@/lib/live';
import { listingMetadata, termListMetadata } from '@/lib/seo';
import { SITE_NAME } from '@/lib/site';
import { getFeed, getTermCounts, getTermList } from '@/lib/store';
import { TERM_KINDS, termHref, termLabel } from '@/lib/terms';
import type { TermKind } from '@/lib/types';

type ListParams = Promise<{ term: string; n?: string }>;

/** How many of the most used terms `next build` pre-renders; the rest render on first request. */
const PRERENDER_TERMS = 20;

async function load(kind: TermKind, params: ListParams) {
  const { term, n } = await params;
  const page = n === undefined ? 1 : pageParam(n);
  const list = page ? await getTermList(kind, decodeParam(term), page) : null;
  return page && list ? { page, list } : null;
}

/** `/category/x`, `/category/x/page/2` and their tag twins (`paged`: the later pages). */
export function termListRoute(kind: TermKind, paged: boolean) {
  const info = TERM_KINDS[kind];
  return {
    async generateStaticParams() {
      if (paged) return [];
      const terms = await getTermCounts(kind);
      return terms.slice(0, PRERENDER_TERMS).map((t) => ({ term: info.slug(t.name) }));
    },
    async generateMetadata({ params }: { params: ListParams }): Promise<Metadata> {
      const loaded = await load(kind, params);
      if (!loaded) return {};
      const newest = loaded.list.items[0];
      const newestTitle = newest ? truncate(newest.title, 40) : undefined;
      return termListMetadata({ ...loaded.list, newestTitle }, loaded.page);
    },
    async Page({ params }: { params: ListParams }) {
      const loaded = await load(kind, params);
      if (!loaded) notFound();
      const { page, list } = loaded;
      const heading = `${info.label}：${termLabel(list.term)}${page > 1 ? ` · 第 ${page} 页` : ''}`;
      return (
        <Listing
          heading={heading}
          intro={`共 ${list.total} 篇`}
          aside={
            info.dated ? <ByDateLink date={list.items[0]?.date} category={list.term.name} /> : null
          }
          list={list}
          href={(p) => termHref(list.term, p)}
          live={liveParam({ kind, name: info.slug(list.term.name) })}
        />
      );
    },
  };
}

/** `/categories` and `/tags`: every term of the kind with its count. */
export function termIndexRoute(kind: TermKind) {
  const info = TERM_KINDS[kind];
  return {
    async generateMetadata(): Promise<Metadata> {
      const terms = await getTermCounts(kind);
      return listingMetadata({
        title: info.indexTitle,
        description: `浏览${SITE_NAME}的全部 ${terms.length} 个${info.label}，附各${info.label}文章数。`,
        path: info.indexPath,
      });
    },
    async Page() {
      const terms = await getTermCounts(kind);
      return <TermIndex kind={kind} heading={info.indexTitle} terms={terms} />;
    },
  };
}

/** `/category/x/feed.xml`, `/tag/x/feed.xml`: one term's Atom feed. */
export function termFeedRoute(kind: TermKind) {
  return {
    generateStaticParams: () => [],
    async GET(_request: Request, { params }: { params: Promise<{ term: string }> }) {
      const feed = await getFeed({ kind, name: decodeParam((await params).term) });
      if (!feed) return notFoundText(`没有这个${TERM_KINDS[kind].label}`);
      return new Response(atomFeed(feed), { headers: ATOM_HEADERS });
    },
  };
}
