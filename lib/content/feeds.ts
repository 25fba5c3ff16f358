// The newest visible posts for a feed (the whole site, one category or one tag), with what
// jekyll-feed needed to name an entry: the post's slug and the URL Jekyll gave it.
import 'server-only';

import { termKey, type ContentIndex, type TermKind } from '@/lib/content/index';
import { VISIBLE } from '@/lib/content/visibility';
import type { PostMeta } from '@/lib/types';

export type FeedPost = PostMeta & {
  slug: string;
  /** The URL Jekyll generated, when it differs from `url` (zone-less dates read as UTC). */
  jekyllUrl: string | null;
};

type Row = {
  path: string;
  url: string;
  slug: string;
  jekyll_key: string | null;
  title: string;
  date: number;
  categories: string;
  tags: string;
  excerpt: string;
};

const COLUMNS =
  'p.path, p.url, p.slug, p.jekyll_key, substr(p.title, 1, 300) AS title, p.date, p.categories, p.tags, p.excerpt';

export function feedPosts(
  index: ContentIndex,
  opts: { now: number; limit: number; term?: { kind: TermKind; name: string } },
): FeedPost[] {
  const { now, limit, term } = opts;
  const sql = term
    ? `SELECT ${COLUMNS} FROM terms t JOIN posts p ON p.path = t.path
       WHERE t.kind = @kind AND t.key = @key AND ${VISIBLE} ORDER BY t.date DESC, t.path DESC LIMIT @limit`
    : `SELECT ${COLUMNS} FROM posts p WHERE ${VISIBLE} ORDER BY p.date DESC, p.path DESC LIMIT @limit`;
  const params = term ? { now, limit, kind: term.kind, key: termKey(term.name) } : { now, limit };
  const rows = index.db.prepare(sql).all(params) as Row[];
  return rows.map((r) => ({
    path: r.path,
    url: r.url,
    slug: r.slug,
    jekyllUrl: r.jekyll_key,
    title: r.title,
    date: r.date,
    categories: JSON.parse(r.categories) as string[],
    tags: JSON.parse(r.tags) as string[],
    excerpt: r.excerpt,
  }));
}
