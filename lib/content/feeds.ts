// The newest visible posts for a feed (the whole site, one category or one tag), with what
// jekyll-feed needed to name an entry: the post's slug and the URL Jekyll gave it.
import 'server-only';

import { cached, type ContentIndex } from '@/lib/content/db';
import { listSource, META_COLUMNS, toMeta, type ListTerm, type MetaRow } from '@/lib/content/rows';
import type { PostMeta } from '@/lib/types';

export type FeedPost = PostMeta & {
  slug: string;
  /** The URL Jekyll generated, when it differs from `url` (zone-less dates read as UTC). */
  jekyllUrl: string | null;
};

type Row = MetaRow & { slug: string; jekyll_url: string | null };

export function feedPosts(
  index: ContentIndex,
  opts: { now: number; limit: number; term?: ListTerm },
): FeedPost[] {
  const { from, order, params } = listSource(opts.term, opts.now);
  const rows = cached(
    index.db,
    `SELECT ${META_COLUMNS}, p.slug, p.jekyll_url ${from} ORDER BY ${order} LIMIT @limit`,
  ).all({ ...params, limit: opts.limit }) as Row[];
  return rows.map((r) => ({ ...toMeta(r), slug: r.slug, jekyllUrl: r.jekyll_url }));
}
