// Which rows of `posts p` a reader can see at `@now`, as SQL: the same rule as the lists in
// lib/content/index.ts (due and not shadowed; drafts are never stored), for search, feeds and
// sitemaps. Keep the two in step.
export const VISIBLE = 'p.date <= @now AND (p.shadowed_from IS NULL OR p.shadowed_from > @now)';

/**
 * The rowids of `posts` a reader cannot see at `@now`: the complement of VISIBLE, read from the
 * date index and the partial index on shadowed_from (lib/content/search-schema.ts), never from
 * the rows themselves. Usually a handful.
 */
export const HIDDEN_ROWIDS =
  'SELECT rowid FROM posts WHERE date > @now UNION ALL SELECT rowid FROM posts WHERE shadowed_from <= @now';
