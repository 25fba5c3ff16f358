// The index file: its schema, opening (or rebuilding a missing, foreign, stale or corrupt file),
// recovery from damage found later by a query, and prepared statements cached per handle.
import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { ensureSearchSchema } from '@/lib/content/search-schema';

const SCHEMA_VERSION = '5';

// Sized for a decade of wire news (a million posts): every list, count and archive page reads
// a bounded number of rows. Counts per day and per term are kept by triggers, so no page counts
// posts row by row; a post's plain text and rendered body live beside it, compressed
// (lib/content/packed.ts), filled in the background (lib/content/fill.ts) from the queues.
const POSTS_TABLE = `
CREATE TABLE posts (
  -- Stable across VACUUM: the full-text index, bodies and queues are keyed by it.
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  url TEXT NOT NULL,
  url_key TEXT NOT NULL,
  -- The URL Jekyll generated, when it differs (feeds name entries by it).
  jekyll_url TEXT,
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  date INTEGER NOT NULL,
  -- The date in the site zone as YYYYMMDD: the date archives and the per-day counts.
  day INTEGER NOT NULL,
  categories TEXT NOT NULL,
  tags TEXT NOT NULL,
  excerpt TEXT NOT NULL,
  format TEXT NOT NULL,
  body_line INTEGER NOT NULL,
  -- What the stored render was made from (lib/content/bodies.ts).
  body_hash TEXT NOT NULL,
  -- Earliest date of another post claiming this URL from a path that sorts first: from then on
  -- that post serves the URL and this one is hidden. NULL when no such post exists.
  shadowed_from INTEGER
);
`;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE problems (path TEXT NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL, severity TEXT NOT NULL);
CREATE INDEX problems_path ON problems (path);
${POSTS_TABLE}
-- One row per post and category or tag, in list order (the key of a list is a prefix).
CREATE TABLE terms (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  date INTEGER NOT NULL,
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  day INTEGER NOT NULL,
  PRIMARY KEY (kind, key, date, path)
) WITHOUT ROWID;
-- Stored posts per day, per term and per term and day (hidden ones included: readers subtract
-- the few that are hidden at the time of reading, lib/content/counts.ts).
CREATE TABLE day_counts (day INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE term_days (kind TEXT NOT NULL, key TEXT NOT NULL, day INTEGER NOT NULL,
  n INTEGER NOT NULL, PRIMARY KEY (kind, key, day)) WITHOUT ROWID;
CREATE TABLE term_totals (kind TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL,
  n INTEGER NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
-- A post's plain text (search, snippets), and its rendered body, both deflated.
CREATE TABLE texts (id INTEGER PRIMARY KEY, z BLOB NOT NULL);
CREATE TABLE renders (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, renderer TEXT NOT NULL,
  html BLOB NOT NULL, source_url TEXT, images TEXT NOT NULL, over_limit TEXT);
-- Posts whose text (and search entry) or render is still to be made, newest first.
CREATE TABLE text_queue (date INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (date, id)) WITHOUT ROWID;
CREATE TABLE render_queue (date INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (date, id)) WITHOUT ROWID;
-- Other URLs leading to a post (308): the one Jekyll generated, those of former time zones.
CREATE TABLE aliases (key TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (key, path)) WITHOUT ROWID;
CREATE INDEX aliases_path ON aliases (path);
-- What a changed or deleted post was before, so publishing can revalidate the pages it left.
CREATE TABLE history (path TEXT NOT NULL, url TEXT NOT NULL, date INTEGER NOT NULL,
  categories TEXT NOT NULL, tags TEXT NOT NULL, changed_at INTEGER NOT NULL);
CREATE INDEX history_path ON history (path);
-- Webhook deliveries already handled (GitHub retries and replays carry the same id).
CREATE TABLE deliveries (id TEXT PRIMARY KEY, at INTEGER NOT NULL);
`;

/**
 * What a bulk load of a cold index drops and makes again after (lib/content/bulk.ts): sorting a
 * million keys once is far cheaper than inserting them one by one into five b-trees, and the
 * counts are one GROUP BY each. Indexes and the triggers that keep counts and queues.
 */
const BULK_OBJECTS = `
CREATE UNIQUE INDEX posts_path ON posts (path);
CREATE INDEX posts_url ON posts (url_key, path);
CREATE INDEX posts_slug ON posts (slug);
CREATE INDEX posts_order ON posts (date DESC, path DESC);
CREATE INDEX posts_shadowed ON posts (shadowed_from) WHERE shadowed_from NOT NULL;
CREATE TRIGGER posts_ai AFTER INSERT ON posts BEGIN
  INSERT INTO day_counts VALUES (new.day, 1) ON CONFLICT (day) DO UPDATE SET n = n + 1;
  INSERT INTO text_queue VALUES (new.date, new.id);
  INSERT INTO render_queue VALUES (new.date, new.id);
END;
CREATE TRIGGER posts_ad AFTER DELETE ON posts BEGIN
  UPDATE day_counts SET n = n - 1 WHERE day = old.day;
  DELETE FROM texts WHERE id = old.id;
  DELETE FROM renders WHERE id = old.id;
  DELETE FROM text_queue WHERE date = old.date AND id = old.id;
  DELETE FROM render_queue WHERE date = old.date AND id = old.id;
END;
CREATE TRIGGER terms_ai AFTER INSERT ON terms BEGIN
  INSERT INTO term_days VALUES (new.kind, new.key, new.day, 1)
    ON CONFLICT (kind, key, day) DO UPDATE SET n = n + 1;
  INSERT INTO term_totals VALUES (new.kind, new.key, new.name, 1)
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1, name = min(name, excluded.name);
END;
CREATE TRIGGER terms_ad AFTER DELETE ON terms BEGIN
  UPDATE term_days SET n = n - 1 WHERE kind = old.kind AND key = old.key AND day = old.day;
  UPDATE term_totals SET n = n - 1 WHERE kind = old.kind AND key = old.key;
  DELETE FROM term_totals WHERE kind = old.kind AND key = old.key AND n <= 0;
END;
`;

const BULK_DROP = `
DROP INDEX posts_path; DROP INDEX posts_url; DROP INDEX posts_slug; DROP INDEX posts_order;
DROP INDEX posts_shadowed; DROP TRIGGER posts_ai; DROP TRIGGER posts_ad; DROP TRIGGER terms_ai;
DROP TRIGGER terms_ad;
`;

/** What the triggers would have made of rows loaded without them. */
const BULK_COUNTS = `
INSERT INTO day_counts SELECT day, COUNT(*) FROM posts GROUP BY day;
INSERT INTO term_days SELECT kind, key, day, COUNT(*) FROM terms GROUP BY kind, key, day;
INSERT INTO term_totals SELECT kind, key, MIN(name), COUNT(*) FROM terms GROUP BY kind, key;
INSERT INTO text_queue SELECT date, id FROM posts ORDER BY date, id;
INSERT INTO render_queue SELECT date, id FROM posts ORDER BY date, id;
`;

/** The tables of a bulk load's shard: what storeFile writes, nothing else. */
const SHARD_SCHEMA = `
${POSTS_TABLE}
-- No keys: a parsing thread only appends; the merge sorts once (mergeShard).
CREATE TABLE files (path TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL);
CREATE TABLE problems (path TEXT NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL, severity TEXT NOT NULL);
CREATE TABLE terms (kind TEXT NOT NULL, key TEXT NOT NULL, date INTEGER NOT NULL, path TEXT NOT NULL,
  name TEXT NOT NULL, day INTEGER NOT NULL);
CREATE TABLE aliases (key TEXT NOT NULL, path TEXT NOT NULL);
`;

/**
 * A shard of a bulk load (lib/content/bulk.ts): a throw-away file a parsing thread writes on its
 * own, without a journal; merged into the index at the end.
 */
export function openShard(file: string): Database.Database {
  const fresh = !fs.existsSync(file);
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  if (fresh) db.exec(compactSql(SHARD_SCHEMA));
  return db;
}

/** Copies a shard's rows into the index (its posts get the index's own ids), then deletes it. */
export function mergeShard(db: Database.Database, file: string): void {
  const posts =
    'path, url, url_key, jekyll_url, slug, title, date, day, categories, tags, excerpt, format, body_line, body_hash';
  db.prepare('ATTACH DATABASE ? AS shard').run(file);
  try {
    db.transaction(() => {
      db.exec(`INSERT OR REPLACE INTO files SELECT * FROM shard.files ORDER BY path;
        INSERT INTO problems SELECT * FROM shard.problems;
        INSERT INTO posts (${posts}) SELECT ${posts} FROM shard.posts;
        INSERT OR IGNORE INTO terms SELECT * FROM shard.terms ORDER BY kind, key, date, path;
        INSERT OR IGNORE INTO aliases SELECT * FROM shard.aliases ORDER BY key, path;`);
    }).immediate();
  } finally {
    db.exec('DETACH DATABASE shard');
  }
  fs.rmSync(file, { force: true });
}

/**
 * Before a bulk load of an empty index: its indexes and triggers go, and the file is marked so
 * that an interrupted load is rebuilt from scratch when next opened.
 */
export function startBulkLoad(db: Database.Database): void {
  db.transaction(() => {
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('bulk_load', '1')").run();
    db.exec(BULK_DROP);
  }).immediate();
}

/** After a bulk load: the counts, the queues, the indexes and the triggers, in one transaction. */
export function finishBulkLoad(db: Database.Database): void {
  db.transaction(() => {
    db.exec(BULK_COUNTS);
    db.exec(compactSql(BULK_OBJECTS));
    db.prepare("DELETE FROM meta WHERE key = 'bulk_load'").run();
  }).immediate();
}

export type ContentIndex = {
  db: Database.Database;
  contentDir: string;
  timeZone: string;
  /** Zones the site's URLs were made in before `timeZone`: their URLs still lead to the posts. */
  aliasZones: string[];
};

/** Lookup key of a category or tag name: case-insensitive, NFC. */
export function termKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** SQL without its comments and spare blanks: SQLite keeps each statement's text in the file. */
export function compactSql(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A connection to an index file as every thread opens it: WAL (readers never wait for the
 * writer), a writer waits up to 15 s for another's transaction, and `cacheMb` of page cache.
 */
export function connect(file: string, cacheMb = 8, pageSize?: number): Database.Database {
  const db = new Database(file, { timeout: 15_000 });
  // Before anything is written: a new file takes it, an existing one keeps its own.
  if (pageSize) db.pragma(`page_size = ${pageSize}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${cacheMb * 1024}`);
  return db;
}

function createDb(
  file: string,
  contentDir: string,
  timeZone: string,
  aliasZones: string[],
): Database.Database {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  // Room for the whole schema on the first page: damage further in then costs only the tables
  // it hits, which a query notices and the index recovers from.
  const db = connect(file, 8, 8192);
  db.transaction(() => {
    db.exec(compactSql(SCHEMA));
    db.exec(compactSql(BULK_OBJECTS));
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    meta.run('schema', SCHEMA_VERSION);
    meta.run('content_dir', contentDir);
    meta.run('time_zone', timeZone);
    meta.run('alias_zones', JSON.stringify(aliasZones));
  }).immediate();
  return db;
}

/** Whether SQLite says the file itself is damaged (as opposed to busy, full or misused). */
export function isCorrupt(error: unknown): boolean {
  // A worker thread's SqliteError arrives cloned: its code survives, not its class.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string')
    return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
  return (
    error instanceof Error &&
    /database disk image is malformed|file is not a database/.test(error.message)
  );
}

/** Replaces a damaged index file with an empty one of the current schema, in place. */
export function recreate(index: ContentIndex): void {
  const file = index.db.name;
  try {
    index.db.close();
  } catch {
    // A damaged handle may fail to close; the file is replaced either way.
  }
  index.db = createDb(file, index.contentDir, index.timeZone, index.aliasZones);
  ensureSearchSchema(index.db);
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per database handle: queries run on every request. */
export function cached(db: Database.Database, sql: string): Database.Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map()));
  let stmt = byDb.get(sql);
  if (!stmt) byDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

type Meta = Record<string, string | undefined>;

function readMeta(db: Database.Database): Meta {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

function zonesOf(meta: Meta): string[] {
  try {
    const zones: unknown = JSON.parse(meta.alias_zones ?? '[]');
    return Array.isArray(zones) ? zones.filter((z): z is string => typeof z === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Opens (or creates, or replaces) the index file for a content folder. A file built in another
 * time zone is rebuilt, remembering that zone: the URLs the site made in it keep answering.
 */
export function openIndex(
  contentDir: string,
  file: string,
  timeZone: string,
  formerZones: string[] = [],
): ContentIndex {
  const dir = path.resolve(contentDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const zones = new Set(formerZones);
  let db: Database.Database | null = null;
  try {
    db = connect(file);
    const meta = readMeta(db);
    for (const zone of [...zonesOf(meta), meta.time_zone]) if (zone) zones.add(zone);
    zones.delete(timeZone);
    const same = [...zones].sort().join() === zonesOf(meta).sort().join();
    if (
      meta.schema !== SCHEMA_VERSION ||
      meta.bulk_load !== undefined ||
      meta.content_dir !== dir ||
      meta.time_zone !== timeZone ||
      !same
    ) {
      throw new Error('stale index');
    }
  } catch {
    db?.close();
    zones.delete(timeZone);
    db = createDb(file, dir, timeZone, [...zones]);
  }
  ensureSearchSchema(db);
  return { db, contentDir: dir, timeZone, aliasZones: [...zones] };
}
