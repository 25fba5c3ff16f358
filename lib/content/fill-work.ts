// The background fill's work on one batch, in a worker thread (lib/content/fill.ts runs it):
// the whole text of posts a bulk scan read only the start of, which makes their search entry,
// settles their excerpt and derived title, and adds the warnings only the whole body gives.
import 'server-only';

import path from 'node:path';

import type Database from 'better-sqlite3';

import { cached } from '@/lib/content/db';
import { parsePost } from '@/lib/content/parse';
import { readSource } from '@/lib/content/source';
import { bigramDocument } from '@/lib/content/bigrams';
import { writeText } from '@/lib/content/write';
import type { ContentError } from '@/lib/types';

export type FillSource = { contentDir: string; timeZone: string; aliasZones: string[] };

type Queued = {
  id: number;
  date: number;
  path: string;
  title: string;
  excerpt: string;
  hash: string;
};
type Made =
  | { id: number; date: number; stale: true }
  | {
      id: number;
      stale: false;
      path: string;
      title: string;
      excerpt: string;
      text: string;
      warnings: ContentError[];
      was: Queued;
    };

function make(src: FillSource, q: Queued): Made {
  try {
    const file = readSource(path.join(src.contentDir, q.path));
    if (file.hash !== q.hash) return { id: q.id, date: q.date, stale: true };
    const parsed = parsePost(q.path, file.bytes, { ...src, source: file });
    if (!parsed.ok) return { id: q.id, date: q.date, stale: true };
    const { title, excerpt, text, warnings } = parsed.post;
    return { id: q.id, stale: false, path: q.path, title, excerpt, text, warnings, was: q };
  } catch {
    // Gone since it was indexed: the next scan forgets it, and its queue entry with it.
    return { id: q.id, date: q.date, stale: true };
  }
}

/** Where the text queue was read up to (newest first): the next batch starts after it. */
export type Cursor = { date: number; id: number } | null;

/** A made text, ready to write: its search document and packed text are made here, too. */
export type MadeText = Made & { document?: string };

/**
 * Makes the text of up to `limit` queued posts after `cursor`, newest first (the slow part:
 * reading and parsing files, making the search document). Writes nothing: `writeTexts` does,
 * on another thread, while the next batch is made.
 */
export function makeTexts(
  db: Database.Database,
  src: FillSource,
  limit: number,
  cursor: Cursor,
): { made: MadeText[]; cursor: Cursor } {
  const queued = cached(
    db,
    `SELECT q.id, q.date, p.path, p.title, p.excerpt, p.body_hash AS hash FROM text_queue q
       JOIN posts p ON p.id = q.id
       WHERE @date IS NULL OR q.date < @date OR (q.date = @date AND q.id < @id)
       ORDER BY q.date DESC, q.id DESC LIMIT @limit`,
  ).all({ date: cursor?.date ?? null, id: cursor?.id ?? 0, limit }) as Queued[];
  const made = queued.map((q): MadeText => {
    const m = make(src, q);
    return m.stale ? m : { ...m, document: bigramDocument(m.title, m.text) };
  });
  const last = queued.at(-1);
  return { made, cursor: last ? { date: last.date, id: last.id } : cursor };
}

/** Writes made texts in one short transaction (the full-text insert is most of its time). */
export function writeTexts(db: Database.Database, made: MadeText[]): void {
  db.transaction(() => {
    for (const m of made) {
      if (m.stale) {
        cached(db, 'DELETE FROM text_queue WHERE date = ? AND id = ?').run(m.date, m.id);
        continue;
      }
      writeText(db, m.was, m.title, m.text, m.document);
      if (m.title !== m.was.title || m.excerpt !== m.was.excerpt) {
        cached(db, 'UPDATE posts SET title = ?, excerpt = ? WHERE id = ?').run(
          m.title,
          m.excerpt,
          m.id,
        );
      }
      cached(db, 'DELETE FROM problems WHERE path = ?').run(m.path);
      const put = cached(
        db,
        'INSERT INTO problems (path, line, message, severity) VALUES (?, ?, ?, ?)',
      );
      for (const p of m.warnings) put.run(m.path, p.line, p.message, p.severity);
    }
  }).immediate();
}
