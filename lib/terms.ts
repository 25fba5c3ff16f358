// Categories and tags are one thing with a kind: a `Term`. What differs between the kinds (URL
// segment, label, the post field holding them, how a name is written in a URL) is data here, so
// no caller needs to ask which kind it holds.
import type { TermKind } from '@/lib/types';

export type Term = { kind: TermKind; name: string };

type KindInfo = {
  /** First URL segment of a term's pages: `/category/…`, `/tag/…`. */
  segment: string;
  /** The page listing every term of the kind. */
  indexPath: string;
  /** What a reader calls one term of the kind, and the whole set. */
  label: string;
  indexTitle: string;
  /** The post field holding the kind's terms. */
  field: 'categories' | 'tags';
  /** A name as written in a URL: category URLs are lower-case, as Jekyll wrote them. */
  slug: (name: string) => string;
};

export const TERM_KINDS: Record<TermKind, KindInfo> = {
  category: {
    segment: 'category',
    indexPath: '/categories',
    label: '分类',
    indexTitle: '全部分类',
    field: 'categories',
    slug: (name) => name.toLowerCase(),
  },
  tag: {
    segment: 'tag',
    indexPath: '/tags',
    label: '标签',
    indexTitle: '全部标签',
    field: 'tags',
    slug: (name) => name,
  },
};

export const KINDS = Object.keys(TERM_KINDS) as TermKind[];

/** A term's list page (`page` > 1: its later pages), percent-encoded. */
export function termHref(term: Term, page = 1): string {
  const info = TERM_KINDS[term.kind];
  const base = `/${info.segment}/${encodeURIComponent(info.slug(term.name))}`;
  return page > 1 ? `${base}/page/${page}` : base;
}

/** A term's Atom feed. */
export function termFeedPath(term: Term): string {
  return `${termHref(term)}/feed.xml`;
}

/** The route pattern of a kind's later list pages, for revalidating them all at once. */
export function termPagesPattern(kind: TermKind): string {
  return `/${TERM_KINDS[kind].segment}/[term]/page/[n]`;
}

/** The names of one kind a post carries. */
export function termsOf(post: { categories: string[]; tags: string[] }, kind: TermKind): string[] {
  return post[TERM_KINDS[kind].field];
}
