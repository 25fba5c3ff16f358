// Categories and tags are one thing with a kind: a `Term`. What differs between the kinds (URL
// segment, label, the post field holding them, how a name is written in a URL) is data here, so
// no caller needs to ask which kind it holds.
import type { TermKind } from '@/lib/types';

/** `label`: the name readers see, where it differs (a category's name from `_data/categories.yml`). */
export type Term = { kind: TermKind; name: string; label?: string };

/** Display names by lower-cased slug (`_data/categories.yml`). */
export type TermNames = Readonly<Record<string, string>>;

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
  /** The name readers see: a category's from the names file, else its slug; a tag as written. */
  display: (name: string, names: TermNames) => string;
  /** Whether the kind has date archives (`/gongxinweibao/2021/12/20`), as categories do. */
  dated: boolean;
};

export const TERM_KINDS: Record<TermKind, KindInfo> = {
  category: {
    segment: 'category',
    indexPath: '/categories',
    label: '分类',
    indexTitle: '全部分类',
    field: 'categories',
    slug: (name) => name.toLowerCase(),
    display: (name, names) => names[name.toLowerCase()] ?? name,
    dated: true,
  },
  tag: {
    segment: 'tag',
    indexPath: '/tags',
    label: '标签',
    indexTitle: '全部标签',
    field: 'tags',
    slug: (name) => name,
    display: (name) => name,
    dated: false,
  },
};

export const KINDS = Object.keys(TERM_KINDS) as TermKind[];

/** A term with the name readers see. */
export function labelled(term: Term, names: TermNames): Term {
  return { ...term, label: TERM_KINDS[term.kind].display(term.name, names) };
}

/** The name readers see. */
export function termLabel(term: Term): string {
  return term.label ?? term.name;
}

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
