// The search side of the index: an FTS5 table with the trigram tokenizer (Chinese needs no word
// segmenter) over posts(title, text), kept in step with `posts` by triggers, so every insert,
// update and delete the scanner makes reaches it without code in the scanner.
import 'server-only';

import type Database from 'better-sqlite3';

/** Bump when the objects below change: the next open drops and rebuilds them. */
const SEARCH_SCHEMA_VERSION = '2';

// The indexed text is the post's title and text each followed by a newline, which no query can
// contain: then every occurrence of a one- or two-character string starts some trigram, so short
// terms can be found through the vocabulary (`posts_fts_vocab`) instead of scanning every post.
// `posts_fts` is an external-content table: it stores the index, `posts` stores the text.
const OBJECTS = `
CREATE VIEW posts_search (id, title, text) AS
  SELECT rowid, title || char(10), text || char(10) FROM posts;
CREATE VIRTUAL TABLE posts_fts USING fts5(
  title, text, content = 'posts_search', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE posts_fts_vocab USING fts5vocab(posts_fts, 'row');
-- Lets a search drop hidden posts without reading every matching row (HIDDEN_ROWIDS).
CREATE INDEX posts_shadowed ON posts (shadowed_from) WHERE shadowed_from IS NOT NULL;
CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
  INSERT INTO posts_fts (rowid, title, text)
    VALUES (new.rowid, new.title || char(10), new.text || char(10));
END;
CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title || char(10), old.text || char(10));
END;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, text ON posts BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title || char(10), old.text || char(10));
  INSERT INTO posts_fts (rowid, title, text)
    VALUES (new.rowid, new.title || char(10), new.text || char(10));
END;
INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');
`;

const DROP = `
DROP TRIGGER IF EXISTS posts_fts_insert;
DROP TRIGGER IF EXISTS posts_fts_delete;
DROP TRIGGER IF EXISTS posts_fts_update;
DROP TABLE IF EXISTS posts_fts_vocab;
DROP TABLE IF EXISTS posts_fts;
DROP VIEW IF EXISTS posts_search;
DROP INDEX IF EXISTS posts_shadowed;
`;

const ready = new WeakSet<Database.Database>();

function version(db: Database.Database): string | undefined {
  return db.prepare("SELECT value FROM meta WHERE key = 'search_schema'").pluck().get() as
    | string
    | undefined;
}

/**
 * Creates the full-text objects and fills them from `posts` when they are missing or from an
 * older version (an index built before search existed, or one just rebuilt). Cheap to call
 * again: each database handle is checked once.
 */
export function ensureSearchSchema(db: Database.Database): void {
  if (ready.has(db)) return;
  if (version(db) !== SEARCH_SCHEMA_VERSION) {
    db.transaction(() => {
      // Another process may have done it while this one waited for the write lock.
      if (version(db) === SEARCH_SCHEMA_VERSION) return;
      db.exec(DROP);
      db.exec(OBJECTS);
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('search_schema', ?)").run(
        SEARCH_SCHEMA_VERSION,
      );
    }).immediate();
  }
  ready.add(db);
}
