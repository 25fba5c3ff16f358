// What publishing needs to remember: where each post is listed now and where it was listed
// before its last change (kept an hour), and which webhook deliveries were handled successfully.
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
  return index.db
    .transaction(() =>
      paths.flatMap((p) => {
        const rows = get.all(p) as PlaceRow[];
        del.run(p);
        return rows.map(toPlace);
      }),
    )
    .immediate();
}

const DELIVERY_DAYS = 30;

/** Whether a webhook delivery was handled, successfully, before. */
export function isDelivered(index: ContentIndex, id: string): boolean {
  return cached(index.db, 'SELECT 1 FROM deliveries WHERE id = ?').get(id) !== undefined;
}

/** Records a delivery whose work succeeded: GitHub's redelivery of it is then acknowledged only. */
export function recordDelivery(index: ContentIndex, id: string, now: number): void {
  cached(index.db, 'DELETE FROM deliveries WHERE at < ?').run(now - DELIVERY_DAYS * 86_400_000);
  cached(index.db, 'INSERT OR IGNORE INTO deliveries (id, at) VALUES (?, ?)').run(id, now);
}
