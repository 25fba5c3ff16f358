// The index file: its schema, opening (or rebuilding a missing, foreign, stale or corrupt file),
// recovery from damage found later by a query, and prepared statements cached per handle.
import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { ensureSearchSchema } from '@/lib/content/search-schema';

const SCHEMA_VERSION = '4';

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL);
CREATE TABLE problems (path TEXT NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL, severity TEXT NOT NULL);
CREATE INDEX problems_path ON problems (path);
CREATE TABLE posts (
  path TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  url_key TEXT NOT NULL,
  -- The URL Jekyll generated, when it differs (feeds name entries by it).
  jekyll_url TEXT,
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  date INTEGER NOT NULL,
  categories TEXT NOT NULL,
  tags TEXT NOT NULL,
  excerpt TEXT NOT NULL,
  text TEXT NOT NULL,
  -- Earliest date of another post claiming this URL from a path that sorts first: from then on
  -- that post serves the URL and this one is hidden. NULL when no such post exists.
  shadowed_from INTEGER
);
CREATE INDEX posts_url ON posts (url_key, path);
CREATE INDEX posts_slug ON posts (slug);
CREATE INDEX posts_order ON posts (date DESC, path DESC);
CREATE TABLE terms (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  date INTEGER NOT NULL,
  PRIMARY KEY (kind, key, path)
);
CREATE INDEX terms_order ON terms (kind, key, date DESC, path DESC);
CREATE INDEX terms_path ON terms (path);
-- Other URLs leading to a post (308): the one Jekyll generated, those of former time zones.
CREATE TABLE aliases (key TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (key, path));
CREATE INDEX aliases_path ON aliases (path);
-- What a changed or deleted post was before, so publishing can revalidate the pages it left.
CREATE TABLE history (path TEXT NOT NULL, url TEXT NOT NULL, date INTEGER NOT NULL,
  categories TEXT NOT NULL, tags TEXT NOT NULL, changed_at INTEGER NOT NULL);
CREATE INDEX history_path ON history (path);
-- Webhook deliveries already handled (GitHub retries and replays carry the same id).
CREATE TABLE deliveries (id TEXT PRIMARY KEY, at INTEGER NOT NULL);
`;

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

function createDb(
  file: string,
  contentDir: string,
  timeZone: string,
  aliasZones: string[],
): Database.Database {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  const db = new Database(file, { timeout: 15_000 });
  // Room for the whole schema on the first page: damage further in then costs only the tables
  // it hits, which a query notices and the index recovers from.
  db.pragma('page_size = 8192');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.transaction(() => {
    db.exec(SCHEMA);
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    meta.run('schema', SCHEMA_VERSION);
    meta.run('content_dir', contentDir);
    meta.run('time_zone', timeZone);
    meta.run('alias_zones', JSON.stringify(aliasZones));
  })();
  return db;
}

/** Whether SQLite says the file itself is damaged (as opposed to busy, full or misused). */
export function isCorrupt(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) return false;
  return error.code.startsWith('SQLITE_CORRUPT') || error.code === 'SQLITE_NOTADB';
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
    db = new Database(file, { timeout: 15_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 15000');
    const meta = readMeta(db);
    for (const zone of [...zonesOf(meta), meta.time_zone]) if (zone) zones.add(zone);
    zones.delete(timeZone);
    const same = [...zones].sort().join() === zonesOf(meta).sort().join();
    if (
      meta.schema !== SCHEMA_VERSION ||
      meta.content_dir !== dir ||
      meta.time_zone !== timeZone ||
      !same
    ) {
      throw new Error('stale index');
    }
    db.pragma('synchronous = NORMAL');
  } catch {
    db?.close();
    zones.delete(timeZone);
    db = createDb(file, dir, timeZone, [...zones]);
  }
  ensureSearchSchema(db);
  return { db, contentDir: dir, timeZone, aliasZones: [...zones] };
}
