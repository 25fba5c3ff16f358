// What an article links to besides itself: the previous (older) and next (newer) visible post of
// its first category, and posts sharing its tags. Each is a few reads of the terms index, never a
// scan of a whole category or tag.
import 'server-only';

import { cached, termKey, type ContentIndex } from '@/lib/content/db';
import { META_COLUMNS, toMeta, VISIBLE, VISIBLE_TERM, type MetaRow } from '@/lib/content/rows';
import type { PostMeta } from '@/lib/types';

type At = { path: string; date: number; categories: string[]; tags: string[] };

/** How many of a tag's newest posts are weighed for related posts. */
const PER_TAG = 20;

function metaOf(index: ContentIndex, path: string, now: number): PostMeta | null {
  const row = cached(
    index.db,
    `SELECT ${META_COLUMNS} FROM posts p WHERE p.path = @path AND ${VISIBLE}`,
  ).get({
    path,
    now,
  }) as MetaRow | undefined;
  return row ? toMeta(row) : null;
}

function neighbour(index: ContentIndex, post: At, now: number, side: 'older' | 'newer') {
  const category = post.categories[0];
  if (category === undefined) return null;
  const [cmp, order] = side === 'older' ? ['<', 'DESC'] : ['>', 'ASC'];
  const path = cached(
    index.db,
    `SELECT t.path FROM terms t WHERE t.kind = 'category' AND t.key = @key AND ${VISIBLE_TERM}
       AND (t.date ${cmp} @date OR (t.date = @date AND t.path ${cmp} @path))
       ORDER BY t.date ${order}, t.path ${order} LIMIT 1`,
  )
    .pluck()
    .get({ key: termKey(category), date: post.date, path: post.path, now }) as string | undefined;
  return path ? metaOf(index, path, now) : null;
}

/** The visible posts just before and after `post` in its first category. */
export function neighbours(index: ContentIndex, post: At, now: number) {
  return {
    older: neighbour(index, post, now, 'older'),
    newer: neighbour(index, post, now, 'newer'),
  };
}

/**
 * Up to `limit` visible posts sharing a tag with `post`: those sharing most tags first, then the
 * newest, among each tag's PER_TAG newest posts.
 */
export function relatedPosts(index: ContentIndex, post: At, now: number, limit = 5): PostMeta[] {
  const shared = new Map<string, { count: number; date: number }>();
  const newest = cached(
    index.db,
    `SELECT t.path, t.date FROM terms t WHERE t.kind = 'tag' AND t.key = @key AND ${VISIBLE_TERM}
       AND t.path != @path ORDER BY t.date DESC, t.path DESC LIMIT ${PER_TAG}`,
  );
  for (const tag of new Set(post.tags.map(termKey))) {
    const rows = newest.all({ key: tag, path: post.path, now }) as { path: string; date: number }[];
    for (const row of rows) {
      const seen = shared.get(row.path);
      shared.set(row.path, { count: (seen?.count ?? 0) + 1, date: row.date });
    }
  }
  return [...shared]
    .sort(([pa, a], [pb, b]) => b.count - a.count || b.date - a.date || pb.localeCompare(pa))
    .slice(0, limit)
    .map(([path]) => metaOf(index, path, now))
    .filter((meta): meta is PostMeta => meta !== null);
}
