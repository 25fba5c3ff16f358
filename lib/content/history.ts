// What publishing needs to remember: where each post is listed now and where it was listed
// before its last change (kept an hour), and which webhook deliveries were already handled.
import 'server-only';

import { cached, type ContentIndex } from '@/lib/content/db';

/** Where a post is listed: its URL, date and taxonomies. */
export type PostPlace = {
  path: string;
  url: string;
  date: number;
  categories: string[];
  tags: string[];
};

type PlaceRow = { path: string; url: string; date: number; categories: string; tags: string };

function toPlace(row: PlaceRow): PostPlace {
  return {
    path: row.path,
    url: row.url,
    date: row.date,
    categories: JSON.parse(row.categories) as string[],
    tags: JSON.parse(row.tags) as string[],
  };
}

/** The current places of these files' posts (published ones; any date). */
export function currentPlaces(index: ContentIndex, paths: string[]): PostPlace[] {
  const get = cached(
    index.db,
    'SELECT path, url, date, categories, tags FROM posts WHERE path = ?',
  );
  return paths.flatMap((p) => {
    const row = get.get(p) as PlaceRow | undefined;
    return row ? [toPlace(row)] : [];
  });
}

/** The places these files' posts had before their recent changes, consumed once read. */
export function takePreviousPlaces(index: ContentIndex, paths: string[]): PostPlace[] {
  const get = cached(
    index.db,
    'SELECT path, url, date, categories, tags FROM history WHERE path = ?',
  );
  const del = cached(index.db, 'DELETE FROM history WHERE path = ?');
  return index.db.transaction(() =>
    paths.flatMap((p) => {
      const rows = get.all(p) as PlaceRow[];
      del.run(p);
      return rows.map(toPlace);
    }),
  )();
}

/** Records a webhook delivery id; false when it was handled before. */
export function claimDelivery(index: ContentIndex, id: string, now: number): boolean {
  cached(index.db, 'DELETE FROM deliveries WHERE at < ?').run(now - 30 * 24 * 60 * 60 * 1000);
  const insert = cached(index.db, 'INSERT OR IGNORE INTO deliveries (id, at) VALUES (?, ?)');
  return insert.run(id, now).changes === 1;
}
