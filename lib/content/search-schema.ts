// The search side of the index: an FTS5 table with the trigram tokenizer (Chinese needs no word
// segmenter) over posts(title, text). It is contentless (the text is stored once, in `posts`)
// and filled from a queue: inserting or changing a post queues its rowid (a trigger, cheap),
// deleting one removes it from the index. Draining the queue (`indexPending`) is the slow part:
// a few posts are indexed at once after a scan, a cold archive in the background by a worker
// thread, so lists and articles serve before search is complete.
import 'server-only';

import type Database from 'better-sqlite3';

/** Bump when the objects below change: the next open drops them and queues every post again. */
const SEARCH_SCHEMA_VERSION = '4';

// The indexed text is the post's title and text each followed by a newline, which no query can
// contain: then every occurrence of a one- or two-character string starts some trigram, so short
// terms can be found through the vocabulary (`posts_fts_vocab`) instead of scanning every post.
// Written compactly so that the schema table still fits the file's first page (a damaged page
// after it then costs the tables on it, not the whole schema).
const OBJECTS = `
CREATE VIRTUAL TABLE posts_fts USING fts5(title,text,content='',contentless_delete=1,tokenize=trigram);
CREATE TABLE search_pending(id INTEGER PRIMARY KEY);
CREATE TRIGGER posts_fts_i AFTER INSERT ON posts BEGIN INSERT OR IGNORE INTO search_pending VALUES(new.rowid);END;
CREATE TRIGGER posts_fts_u AFTER UPDATE OF title,text ON posts BEGIN INSERT OR IGNORE INTO search_pending VALUES(new.rowid);END;
CREATE TRIGGER posts_fts_d AFTER DELETE ON posts BEGIN DELETE FROM posts_fts WHERE rowid=old.rowid;DELETE FROM search_pending WHERE id=old.rowid;END;
INSERT INTO search_pending SELECT rowid FROM posts;
`;

const DROP = `
DROP TRIGGER IF EXISTS posts_fts_i;
DROP TRIGGER IF EXISTS posts_fts_d;
DROP TRIGGER IF EXISTS posts_fts_u;
DROP TABLE IF EXISTS main.posts_fts_vocab;
DROP TABLE IF EXISTS posts_fts;
DROP TABLE IF EXISTS search_pending;
DROP VIEW IF EXISTS posts_search;
`;

// Plain indexes on the scanner's tables that searches and sitemaps lean on: dropping hidden
// posts by rowid without reading their rows (HIDDEN_ROWIDS), and a term's display name without
// reading every row that carries it.
const INDEXES = `
CREATE INDEX IF NOT EXISTS posts_shadowed ON posts(shadowed_from)WHERE shadowed_from NOT NULL;
CREATE INDEX IF NOT EXISTS terms_name ON terms(kind,key,name);
`;

const ready = new WeakSet<Database.Database>();

/** Whether the objects are there at this version, triggers included: a lost trigger loses updates. */
function current(db: Database.Database): boolean {
  const version = db.prepare("SELECT value FROM meta WHERE key = 'search_schema'").pluck().get();
  const triggers = db
    .prepare(
      `SELECT COUNT(*) FROM sqlite_schema
       WHERE type = 'trigger' AND name IN ('posts_fts_i', 'posts_fts_d', 'posts_fts_u')`,
    )
    .pluck()
    .get();
  return version === SEARCH_SCHEMA_VERSION && triggers === 3;
}

/**
 * Creates the indexes above when missing, and the full-text objects, with every post queued,
 * when they are missing or from an older version. Cheap to call again: each handle checks once.
 */
export function ensureSearchSchema(db: Database.Database): void {
  if (ready.has(db)) return;
  db.exec(INDEXES);
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

/** How many posts wait to be indexed for search, of how many. */
export function searchBacklog(db: Database.Database): { pending: number; posts: number } {
  const pending = db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get() as number;
  const posts = db.prepare('SELECT COUNT(*) FROM posts').pluck().get() as number;
  return { pending, posts };
}

/** Indexes up to `limit` queued posts in one transaction; how many are still queued after. */
export function indexPending(db: Database.Database, limit: number): number {
  db.transaction(() => {
    const rows = db
      .prepare(
        `SELECT s.id, p.title, p.text FROM search_pending s LEFT JOIN posts p ON p.rowid = s.id
         ORDER BY s.id LIMIT ?`,
      )
      .all(limit) as { id: number; title: string | null; text: string | null }[];
    const forget = db.prepare('DELETE FROM posts_fts WHERE rowid = ?');
    const add = db.prepare('INSERT INTO posts_fts (rowid, title, text) VALUES (?, ?, ?)');
    const done = db.prepare('DELETE FROM search_pending WHERE id = ?');
    for (const row of rows) {
      forget.run(row.id);
      if (row.title !== null) add.run(row.id, `${row.title}\n`, `${row.text ?? ''}\n`);
      done.run(row.id);
    }
  }).immediate();
  return db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get() as number;
}
