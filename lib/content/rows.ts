// SQL the readers share: which rows of `posts p` a reader can see at `@now`, the rows of one
// list (home, or one category's or tag's), a row as `PostMeta`, and page arithmetic.
import { termKey } from '@/lib/content/db';
import type { ListTerm } from '@/lib/content/counts';
import type { PostMeta } from '@/lib/types';

/** Visible at `@now`: due and not shadowed by another post's claim on its URL (drafts are never stored). */
export const VISIBLE = 'p.date <= @now AND (p.shadowed_from IS NULL OR p.shadowed_from > @now)';

/**
 * The rowids of `posts` a reader cannot see at `@now`: the complement of VISIBLE, read from the
 * date index and the partial index on shadowed_from (lib/content/db.ts), never from
 * the rows themselves. Usually a handful.
 */
export const HIDDEN_ROWIDS =
  'SELECT rowid FROM posts WHERE date > @now UNION ALL SELECT rowid FROM posts WHERE shadowed_from <= @now';

/**
 * Rows of `terms t` whose post a reader can see at `@now`, read from the terms table alone: it
 * holds each post's date, and the shadowed posts are few (a partial index). Counting a list or
 * the taxonomies never reads the post rows.
 */
export const VISIBLE_TERM =
  't.date <= @now AND t.path NOT IN (SELECT path FROM posts WHERE shadowed_from <= @now)';

/** The columns a `PostMeta` is made of; titles are cut to what any page shows. */
export const META_COLUMNS =
  'p.path, p.url, substr(p.title, 1, 300) AS title, p.date, p.categories, p.tags, p.excerpt';

export type MetaRow = {
  path: string;
  url: string;
  title: string;
  date: number;
  categories: string;
  tags: string;
  excerpt: string;
};

export function toMeta(row: MetaRow): PostMeta {
  return {
    path: row.path,
    url: row.url,
    title: row.title,
    date: row.date,
    categories: JSON.parse(row.categories) as string[],
    tags: JSON.parse(row.tags) as string[],
    excerpt: row.excerpt,
  };
}

export type { ListTerm } from '@/lib/content/counts';

/**
 * The visible rows of a list: `from` (with its WHERE), the list's order, its parameters, and
 * `before`, a condition on `@bound` for rows dated before an instant (where a page starts). A
 * term's rows come through its terms rows, ordered by their copy of the post's date.
 * `keyedFrom` is `from` for a query whose range is its own (older than a located day's end,
 * inside a day): the visibility check's date is kept out of the index there (`+`), or SQLite
 * walks the index from now through every newer post, and a deep page costs its depth.
 */
export function listSource(term: ListTerm, now: number) {
  if (!term) {
    return {
      from: `FROM posts p WHERE ${VISIBLE}`,
      order: 'p.date DESC, p.path DESC',
      before: 'p.date < @bound',
      keyedFrom: `FROM posts p WHERE +${VISIBLE}`,
      params: { now } as Record<string, string | number>,
    };
  }
  return {
    from: `FROM terms t JOIN posts p ON p.path = t.path WHERE t.kind = @kind AND t.key = @key AND ${VISIBLE}`,
    order: 't.date DESC, t.path DESC',
    before: 't.date < @bound',
    keyedFrom: `FROM terms t JOIN posts p ON p.path = t.path WHERE t.kind = @kind AND t.key = @key AND +${VISIBLE_TERM}`,
    params: { now, kind: term.kind, key: termKey(term.name) } as Record<string, string | number>,
  };
}

/** How many pages `total` items make (at least one), and where page `page` starts. */
export function paginate(total: number, page: number, size: number) {
  return { pages: Math.max(1, Math.ceil(total / size)), offset: (page - 1) * size };
}
