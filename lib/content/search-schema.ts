// The search side of the index: an FTS5 table with the trigram tokenizer (Chinese needs no word
// segmenter) over posts(title, text), kept in step with `posts` by triggers, so every insert,
// update and delete the scanner makes reaches it without code in the scanner.
import 'server-only';

import type Database from 'better-sqlite3';

/** Bump when the objects below change: the next open drops and rebuilds them. */
const SEARCH_SCHEMA_VERSION = '3';

// The indexed text is the post's title and text each followed by a newline, which no query can
// contain: then every occurrence of a one- or two-character string starts some trigram, so short
// terms can be found through the vocabulary (`posts_fts_vocab`) instead of scanning every post.
// `posts_fts` is an external-content table: it stores the index, `posts` stores the text.
// Written compactly so that the schema table still fits the file's first page (a damaged page
// after it then costs the tables on it, not the whole schema).
const OBJECTS = `
CREATE VIEW posts_search(id,title,text)AS SELECT rowid,title||char(10),text||char(10)FROM posts;
CREATE VIRTUAL TABLE posts_fts USING fts5(title,text,content=posts_search,content_rowid=id,tokenize=trigram);
CREATE TRIGGER posts_fts_i AFTER INSERT ON posts BEGIN
INSERT INTO posts_fts(rowid,title,text)VALUES(new.rowid,new.title||char(10),new.text||char(10));END;
CREATE TRIGGER posts_fts_d AFTER DELETE ON posts BEGIN
INSERT INTO posts_fts(posts_fts,rowid,title,text)VALUES('delete',old.rowid,old.title||char(10),old.text||char(10));END;
CREATE TRIGGER posts_fts_u AFTER UPDATE OF title,text ON posts BEGIN
INSERT INTO posts_fts(posts_fts,rowid,title,text)VALUES('delete',old.rowid,old.title||char(10),old.text||char(10));
INSERT INTO posts_fts(rowid,title,text)VALUES(new.rowid,new.title||char(10),new.text||char(10));END;
INSERT INTO posts_fts(posts_fts)VALUES('rebuild');
`;

const DROP = `
DROP TRIGGER IF EXISTS posts_fts_insert;
DROP TRIGGER IF EXISTS posts_fts_delete;
DROP TRIGGER IF EXISTS posts_fts_update;
DROP TRIGGER IF EXISTS posts_fts_i;
DROP TRIGGER IF EXISTS posts_fts_d;
DROP TRIGGER IF EXISTS posts_fts_u;
DROP TABLE IF EXISTS main.posts_fts_vocab;
DROP TABLE IF EXISTS posts_fts;
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
 * Creates the indexes above when missing, and the full-text objects, filled from `posts`, when
 * they are missing or from an older version (an index built before search existed, or one just
 * rebuilt). Cheap to call again: each database handle is checked once.
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

const TRIGGER_NAMES = ['posts_fts_i', 'posts_fts_d', 'posts_fts_u'];

/**
 * Runs a large batch of writes to `posts` (a cold index) without the per-row triggers, then
 * rebuilds the full-text index in one pass: about three times faster than row by row. Call
 * inside the batch's transaction.
 */
export function withSearchRebuilt(db: Database.Database, batch: () => void): void {
  const triggers = db
    .prepare(
      `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (${TRIGGER_NAMES.map(() => '?').join(',')})`,
    )
    .pluck()
    .all(...TRIGGER_NAMES) as string[];
  if (triggers.length !== TRIGGER_NAMES.length) {
    batch();
    return;
  }
  for (const name of TRIGGER_NAMES) db.exec(`DROP TRIGGER ${name}`);
  batch();
  db.exec("INSERT INTO posts_fts(posts_fts) VALUES('rebuild')");
  for (const sql of triggers) db.exec(sql);
}
