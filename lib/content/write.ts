// Writing what a scan found into the index, the same way from the server's thread (a few
// published files) and from the worker threads of a bulk scan (a cold archive): forget what the
// index held of a file, store what it holds now, settle which post serves a URL two claim.
// Counts per day and term, and the queues of the background fill, follow by triggers (db.ts).
import 'server-only';

import type Database from 'better-sqlite3';

import { bigramDocument } from '@/lib/content/bigrams';
import { cached, termKey } from '@/lib/content/db';
import { dayOf } from '@/lib/content/days';
import { packText } from '@/lib/content/packed';
import { urlKey } from '@/lib/content/permalink';
import type { IndexedResult } from '@/lib/types';

export type Fingerprint = { size: number; mtime: number };

/** One scan's writes: the handle, the site zone, the scan's clock and the URL keys it touched. */
export type Writer = {
  db: Database.Database;
  timeZone: string;
  now: number;
  touchedKeys: Set<string>;
  /** Whether what a post was before is kept for publishing (not on a cold index). */
  history: boolean;
};

/** How long the state a post had before a change is kept for publishing to revalidate. */
const HISTORY_MS = 60 * 60 * 1000;

export function writer(
  db: Database.Database,
  timeZone: string,
  history = true,
  now = Date.now(),
): Writer {
  if (history) cached(db, 'DELETE FROM history WHERE changed_at < ?').run(now - HISTORY_MS);
  return { db, timeZone, now, touchedKeys: new Set(), history };
}

type Held = { id: number; url_key: string; date: number; categories: string; tags: string };

/** Forgets what the index holds of a file, keeping where its post was listed (history). */
export function forgetFile(w: Writer, rel: string): void {
  const st = (sql: string) => cached(w.db, sql);
  const held = st('SELECT id, url_key, date, categories, tags FROM posts WHERE path = ?').get(
    rel,
  ) as Held | undefined;
  if (held) {
    w.touchedKeys.add(held.url_key);
    if (w.history) {
      st(`INSERT INTO history (path, url, date, categories, tags, changed_at)
          SELECT path, url, date, categories, tags, @now FROM posts WHERE id = @id`).run({
        id: held.id,
        now: w.now,
      });
    }
    const dropTerm = st('DELETE FROM terms WHERE kind = ? AND key = ? AND date = ? AND path = ?');
    for (const [kind, names] of [
      ['category', held.categories],
      ['tag', held.tags],
    ] as const) {
      for (const key of new Set((JSON.parse(names) as string[]).map(termKey))) {
        dropTerm.run(kind, key, held.date, rel);
      }
    }
    st('DELETE FROM posts WHERE id = ?').run(held.id);
  }
  st('DELETE FROM problems WHERE path = ?').run(rel);
  st('DELETE FROM aliases WHERE path = ?').run(rel);
}

/** Stores a post's plain text and its full-text entry, and takes it off the text queue. */
export function writeText(
  db: Database.Database,
  post: { id: number; date: number },
  title: string,
  text: string,
  document = bigramDocument(title, text),
): void {
  const { id } = post;
  cached(db, 'INSERT OR REPLACE INTO texts (id, z) VALUES (?, ?)').run(id, packText(text));
  cached(db, 'INSERT OR REPLACE INTO posts_fts (rowid, body) VALUES (?, ?)').run(id, document);
  cached(db, 'DELETE FROM text_queue WHERE date = ? AND id = ?').run(post.date, id);
}

/** Stores a file's fingerprint, its problems and, when it is a published post, the post. */
export function storeFile(w: Writer, rel: string, fp: Fingerprint, result: IndexedResult): void {
  const st = (sql: string) => cached(w.db, sql);
  st('INSERT OR REPLACE INTO files (path, size, mtime) VALUES (?, ?, ?)').run(
    rel,
    fp.size,
    fp.mtime,
  );
  const putProblem = st('INSERT INTO problems (path, line, message, severity) VALUES (?, ?, ?, ?)');
  for (const p of result.ok ? result.post.warnings : [result.error]) {
    putProblem.run(rel, p.line, p.message, p.severity);
  }
  if (!result.ok || !result.post.published) return;
  const post = result.post;
  const key = urlKey(post.url);
  const day = dayOf(post.date, w.timeZone);
  w.touchedKeys.add(key);
  const { lastInsertRowid } = st(
    `INSERT INTO posts (path, url, url_key, jekyll_url, slug, title, date, day, categories, tags,
       excerpt, format, body_line, body_hash)
     VALUES (@path, @url, @url_key, @jekyll_url, @slug, @title, @date, @day, @categories, @tags,
       @excerpt, @format, @body_line, @body_hash)`,
  ).run({
    path: rel,
    url: post.url,
    url_key: key,
    jekyll_url: post.jekyllUrl,
    slug: post.slug,
    title: post.title,
    date: post.date,
    day,
    categories: JSON.stringify(post.categories),
    tags: JSON.stringify(post.tags),
    excerpt: post.excerpt,
    format: post.format,
    body_line: post.bodyLine,
    body_hash: post.bodyHash,
  });
  const putTerm = st(
    'INSERT OR IGNORE INTO terms (kind, key, date, path, name, day) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const c of post.categories) putTerm.run('category', termKey(c), post.date, rel, c, day);
  for (const t of post.tags) putTerm.run('tag', termKey(t), post.date, rel, t, day);
  const putAlias = st('INSERT OR IGNORE INTO aliases (key, path) VALUES (?, ?)');
  for (const alias of post.aliases) putAlias.run(urlKey(alias), rel);
  if (post.textDone) {
    writeText(w.db, { id: Number(lastInsertRowid), date: post.date }, post.title, post.text);
  }
}

const SHADOW = `UPDATE posts SET shadowed_from = (SELECT MIN(q.date) FROM posts q
  WHERE q.url_key = posts.url_key AND q.path < posts.path)`;

/**
 * Two visible posts claiming one URL: the first file by path serves it. A scheduled post takes
 * the URL over only once its date has come. For the keys a scan touched, or every key.
 */
export function settleClaims(db: Database.Database, keys: Iterable<string> | 'all'): void {
  if (keys === 'all') {
    db.exec(`${SHADOW} WHERE shadowed_from IS NOT NULL OR url_key IN
      (SELECT url_key FROM posts GROUP BY url_key HAVING COUNT(*) > 1)`);
    return;
  }
  const shadow = cached(db, `${SHADOW} WHERE url_key = ?`);
  for (const key of keys) shadow.run(key);
}
