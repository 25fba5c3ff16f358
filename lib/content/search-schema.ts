// The search side of the index: an FTS5 table over each post's title and text as bigram tokens
// (lib/content/bigrams.ts), keeping only which posts hold each token (`detail=none`), keyed by
// the post's id. It is contentless: the text is stored once, compressed, in `texts`. Filling it
// is part of making a post's text (lib/content/fill.ts), queued by a trigger when a post is
// stored; deleting a post removes its entry.
import 'server-only';

import type Database from 'better-sqlite3';

import { BIGRAM_TOKENIZER } from '@/lib/content/bigrams';

/** Bump when the objects below change: the next open drops them and queues every post again. */
const SEARCH_SCHEMA_VERSION = '5';

const OBJECTS = `
CREATE VIRTUAL TABLE posts_fts USING fts5(body, content='', contentless_delete=1, detail=none, tokenize="${BIGRAM_TOKENIZER}");
CREATE TRIGGER posts_fts_d AFTER DELETE ON posts BEGIN DELETE FROM posts_fts WHERE rowid=old.id;END;
DELETE FROM texts;
INSERT OR IGNORE INTO text_queue SELECT date, id FROM posts;
`;

const DROP = `
DROP TRIGGER IF EXISTS posts_fts_d;
DROP TABLE IF EXISTS posts_fts;
`;

const ready = new WeakSet<Database.Database>();

/** Whether the objects are there at this version, trigger included: a lost trigger loses deletes. */
function current(db: Database.Database): boolean {
  const version = db.prepare("SELECT value FROM meta WHERE key = 'search_schema'").pluck().get();
  const trigger = db
    .prepare(`SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'posts_fts_d'`)
    .pluck()
    .get();
  return version === SEARCH_SCHEMA_VERSION && trigger === 1;
}

/**
 * Creates the full-text objects, with every post queued for its text again, when they are
 * missing or from an older version. Cheap to call again: each handle checks once.
 */
export function ensureSearchSchema(db: Database.Database): void {
  if (ready.has(db)) return;
  if (!current(db)) {
    db.transaction(() => {
      // Another process may have done it while this one waited for the write lock.
      if (current(db)) return;
      db.exec(DROP);
      db.exec(OBJECTS);
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('search_schema', ?)").run(
        SEARCH_SCHEMA_VERSION,
      );
    }).immediate();
  }
  // The vocabulary is a view of the index for this connection only: nothing to store in the file.
  db.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.posts_fts_vocab USING fts5vocab(main, posts_fts, 'row')",
  );
  ready.add(db);
}

/** How many posts wait for their text (and so for search), of how many. */
export function searchBacklog(db: Database.Database): { pending: number; posts: number } {
  const pending = db.prepare('SELECT COUNT(*) FROM text_queue').pluck().get() as number;
  const posts = (db.prepare('SELECT SUM(n) FROM day_counts').pluck().get() as number | null) ?? 0;
  return { pending, posts };
}
