// The content index: one SQLite row per published post (URL, title, date, taxonomies, excerpt,
// plain text) plus every file's fingerprint and problems. `scanContent` is incremental: only new,
// changed and deleted files are read. A missing, foreign, stale-schema or corrupt file is rebuilt.
import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { isCandidate, parsePost } from '@/lib/content/parse';
import { urlKey } from '@/lib/content/permalink';
import { ensureSearchSchema, withSearchRebuilt } from '@/lib/content/search-schema';
import { VISIBLE } from '@/lib/content/visibility';
import type { ContentError, Page, Post, PostMeta, TermCount } from '@/lib/types';

const SCHEMA_VERSION = '3';

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL);
CREATE TABLE problems (path TEXT NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL, severity TEXT NOT NULL);
CREATE INDEX problems_path ON problems (path);
CREATE TABLE posts (
  path TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  url_key TEXT NOT NULL,
  jekyll_key TEXT,
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
CREATE INDEX posts_jekyll ON posts (jekyll_key) WHERE jekyll_key IS NOT NULL;
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
-- What a changed or deleted post was before, so publishing can revalidate the pages it left.
CREATE TABLE history (path TEXT NOT NULL, url TEXT NOT NULL, date INTEGER NOT NULL,
  categories TEXT NOT NULL, tags TEXT NOT NULL, changed_at INTEGER NOT NULL);
CREATE INDEX history_path ON history (path);
-- Webhook deliveries already handled (GitHub retries and replays carry the same id).
CREATE TABLE deliveries (id TEXT PRIMARY KEY, at INTEGER NOT NULL);
`;

/** How long the state a post had before a change is kept for publishing to revalidate. */
const HISTORY_MS = 60 * 60 * 1000;
/** Past this many changed files in one scan, the search index is rebuilt in one pass. */
const BULK_FILES = 2000;

export type TermKind = 'category' | 'tag';
export type ScanReport = {
  added: number;
  changed: number;
  removed: number;
  scanned: number;
  ms: number;
  touched: string[];
};
export type ContentIndex = { db: Database.Database; contentDir: string; timeZone: string };

/** Lookup key of a category or tag name: case-insensitive, NFC. */
export function termKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

function createDb(file: string, contentDir: string, timeZone: string): Database.Database {
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
  })();
  return db;
}

/** Whether SQLite says the file itself is damaged (as opposed to busy, full or misused). */
function isCorrupt(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) return false;
  return error.code.startsWith('SQLITE_CORRUPT') || error.code === 'SQLITE_NOTADB';
}

/** Replaces a damaged index file with a new one and fills it from the content folder. */
function rebuild(index: ContentIndex): ScanReport {
  const file = index.db.name;
  try {
    index.db.close();
  } catch {
    // A damaged handle may fail to close; the file is replaced either way.
  }
  index.db = createDb(file, index.contentDir, index.timeZone);
  return scan(index);
}

/**
 * Runs a query. Damage can surface long after `openIndex` checked the file's header, on the first
 * page a query touches: then the index is rebuilt and the query run once more.
 */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per database handle: queries run on every request. */
export function cached(db: Database.Database, sql: string): Database.Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map()));
  let stmt = byDb.get(sql);
  if (!stmt) byDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

function recovering<T>(index: ContentIndex, query: () => T): T {
  try {
    return query();
  } catch (error) {
    if (!isCorrupt(error)) throw error;
    rebuild(index);
    return query();
  }
}

/** Opens (or creates, or rebuilds) the index file for a content folder. */
export function openIndex(contentDir: string, file: string, timeZone: string): ContentIndex {
  const dir = path.resolve(contentDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { timeout: 15_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 15000');
    const rows = db.prepare('SELECT key, value FROM meta').all() as {
      key: string;
      value: string;
    }[];
    const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    if (
      meta.schema !== SCHEMA_VERSION ||
      meta.content_dir !== dir ||
      (meta.time_zone !== undefined && meta.time_zone !== timeZone)
    ) {
      throw new Error('stale index');
    }
    db.pragma('synchronous = NORMAL');
  } catch {
    db?.close();
    db = createDb(file, dir, timeZone);
  }
  ensureSearchSchema(db);
  return { db, contentDir: dir, timeZone };
}

const POST_EXTENSION = /\.(md|markdown|html)$/i;

/** A path a full scan would index: a post-like file under `_posts/`, no hidden or `_` segment. */
function indexable(rel: string): boolean {
  const segments = rel.split('/');
  return (
    segments[0] === '_posts' &&
    segments.length > 1 &&
    segments.slice(1).every(isCandidate) &&
    POST_EXTENSION.test(rel)
  );
}

function walk(dir: string, rel: string, out: Map<string, { size: number; mtime: number }>) {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!isCandidate(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    const relPath = `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      walk(abs, relPath, out);
    } else if (entry.isFile() && POST_EXTENSION.test(entry.name)) {
      const st = fs.statSync(abs, { throwIfNoEntry: false });
      if (st) out.set(relPath, { size: st.size, mtime: Math.trunc(st.mtimeMs) });
    }
  }
}

async function walkAsync(
  dir: string,
  rel: string,
  out: Map<string, { size: number; mtime: number }>,
): Promise<void> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (!isCandidate(entry.name)) continue;
    if (entry.isDirectory())
      await walkAsync(path.join(dir, entry.name), `${rel}/${entry.name}`, out);
    else if (entry.isFile() && POST_EXTENSION.test(entry.name)) files.push(entry.name);
  }
  // Stats in modest batches: the thread pool does the work while requests keep being served.
  for (let i = 0; i < files.length; i += 256) {
    const batch = files.slice(i, i + 256);
    const stats = await Promise.all(
      batch.map((name) => fs.promises.stat(path.join(dir, name)).catch(() => null)),
    );
    stats.forEach((st, j) => {
      if (st) out.set(`${rel}/${batch[j]}`, { size: st.size, mtime: Math.trunc(st.mtimeMs) });
    });
  }
}

/**
 * The files that are new, changed or gone since the index last saw them, found without blocking
 * the event loop: for a server's periodic check, which then re-reads just these.
 */
export async function findChanges(index: ContentIndex): Promise<string[]> {
  const seen = new Map<string, { size: number; mtime: number }>();
  await walkAsync(path.join(index.contentDir, '_posts'), '_posts', seen);
  const changed: string[] = [];
  const rows = cached(
    index.db,
    'SELECT path, size, mtime FROM files',
  ).iterate() as IterableIterator<{
    path: string;
    size: number;
    mtime: number;
  }>;
  for (const row of rows) {
    const now = seen.get(row.path);
    if (!now || now.size !== row.size || now.mtime !== row.mtime) changed.push(row.path);
    seen.delete(row.path);
  }
  changed.push(...seen.keys());
  return changed;
}

/** Re-reads the given files (paths relative to the content folder) or, with none, every changed file. */
export function scanContent(index: ContentIndex, only?: string[]): ScanReport {
  try {
    return scan(index, only);
  } catch (error) {
    if (!isCorrupt(error)) throw error;
    return rebuild(index);
  }
}

function scan(index: ContentIndex, only?: string[]): ScanReport {
  const started = performance.now();
  const { db, contentDir } = index;
  const seen = new Map<string, { size: number; mtime: number }>();
  // A restricted scan obeys the walk's rules, or the next full scan would undo it.
  const targets =
    only && [...new Set(only.map((rel) => path.posix.normalize(rel)))].filter(indexable);
  if (targets) {
    for (const rel of targets) {
      const st = fs.lstatSync(path.join(contentDir, rel), { throwIfNoEntry: false });
      if (st?.isFile()) seen.set(rel, { size: st.size, mtime: Math.trunc(st.mtimeMs) });
    }
  } else {
    walk(path.join(contentDir, '_posts'), '_posts', seen);
  }
  const known = new Map<string, { size: number; mtime: number }>();
  const knownRows = targets
    ? targets.map((p) => db.prepare('SELECT path, size, mtime FROM files WHERE path = ?').get(p))
    : db.prepare('SELECT path, size, mtime FROM files').all();
  for (const row of knownRows as ({ path: string; size: number; mtime: number } | undefined)[]) {
    if (row) known.set(row.path, { size: row.size, mtime: row.mtime });
  }

  const changed: string[] = [];
  let added = 0;
  for (const [rel, fp] of seen) {
    const old = known.get(rel);
    if (!old) {
      added++;
      changed.push(rel);
    } else if (old.size !== fp.size || old.mtime !== fp.mtime) {
      changed.push(rel);
    }
  }
  const removed = [...known.keys()].filter((rel) => !seen.has(rel));

  const touchedKeys = new Set<string>();
  const oldKey = db.prepare('SELECT url_key FROM posts WHERE path = ?').pluck();
  const delPost = db.prepare('DELETE FROM posts WHERE path = ?');
  const delTerms = db.prepare('DELETE FROM terms WHERE path = ?');
  const delProblems = db.prepare('DELETE FROM problems WHERE path = ?');
  const delFile = db.prepare('DELETE FROM files WHERE path = ?');
  const putFile = db.prepare('INSERT OR REPLACE INTO files (path, size, mtime) VALUES (?, ?, ?)');
  const putProblem = db.prepare(
    'INSERT INTO problems (path, line, message, severity) VALUES (?, ?, ?, ?)',
  );
  const putPost =
    db.prepare(`INSERT INTO posts (path, url, url_key, jekyll_key, slug, title, date, categories, tags, excerpt, text)
    VALUES (@path, @url, @url_key, @jekyll_key, @slug, @title, @date, @categories, @tags, @excerpt, @text)`);
  const putTerm = db.prepare(
    'INSERT OR IGNORE INTO terms (kind, key, name, path, date) VALUES (?, ?, ?, ?, ?)',
  );

  const remember = db.prepare(`INSERT INTO history (path, url, date, categories, tags, changed_at)
    SELECT path, url, date, categories, tags, @now FROM posts WHERE path = @path`);
  const now = Date.now();
  db.prepare('DELETE FROM history WHERE changed_at < ?').run(now - HISTORY_MS);

  const forget = (rel: string) => {
    const key = oldKey.get(rel) as string | undefined;
    if (key) touchedKeys.add(key);
    remember.run({ path: rel, now });
    delPost.run(rel);
    delTerms.run(rel);
    delProblems.run(rel);
  };

  const applyAll = () => {
    for (const rel of removed) {
      forget(rel);
      delFile.run(rel);
    }
    for (const rel of changed) {
      forget(rel);
      const fp = seen.get(rel);
      if (!fp) continue;
      let result;
      try {
        result = parsePost(rel, fs.readFileSync(path.join(contentDir, rel)), {
          timeZone: index.timeZone,
        });
      } catch (error) {
        result = {
          ok: false as const,
          error: {
            file: rel,
            line: 1,
            message: `could not read: ${String(error)}`,
            severity: 'error' as const,
          },
        };
      }
      putFile.run(rel, fp.size, fp.mtime);
      const problems: ContentError[] = result.ok ? result.post.warnings : [result.error];
      for (const p of problems) putProblem.run(rel, p.line, p.message, p.severity);
      if (!result.ok || !result.post.published) continue;
      const post = result.post;
      const key = urlKey(post.url);
      touchedKeys.add(key);
      putPost.run({
        path: rel,
        url: post.url,
        url_key: key,
        jekyll_key: post.jekyllUrl ? urlKey(post.jekyllUrl) : null,
        slug: post.slug,
        title: post.title,
        date: post.date,
        categories: JSON.stringify(post.categories),
        tags: JSON.stringify(post.tags),
        excerpt: post.excerpt,
        text: post.text,
      });
      for (const c of post.categories) putTerm.run('category', termKey(c), c, rel, post.date);
      for (const t of post.tags) putTerm.run('tag', termKey(t), t, rel, post.date);
    }
    // Two visible posts claiming one URL: the first file by path serves it. A scheduled post
    // takes the URL over only once its date has come.
    const shadow = db.prepare(`UPDATE posts SET shadowed_from = (
      SELECT MIN(q.date) FROM posts q WHERE q.url_key = posts.url_key AND q.path < posts.path) WHERE url_key = ?`);
    for (const key of touchedKeys) shadow.run(key);
  };
  // A cold index (or a large pull) rebuilds the search index once instead of row by row.
  const apply = db.transaction(() =>
    changed.length + removed.length > BULK_FILES ? withSearchRebuilt(db, applyAll) : applyAll(),
  );
  apply.immediate();
  return {
    added,
    changed: changed.length - added,
    removed: removed.length,
    scanned: seen.size,
    ms: performance.now() - started,
    touched: [...changed, ...removed],
  };
}

type PostRow = {
  path: string;
  url: string;
  title: string;
  date: number;
  categories: string;
  tags: string;
  excerpt: string;
};

const META_COLUMNS =
  'p.path, p.url, substr(p.title, 1, 300) AS title, p.date, p.categories, p.tags, p.excerpt';

function toMeta(row: PostRow): PostMeta {
  return {
    path: row.path,
    url: row.url,
    title: row.title,
    date: row.date,
    categories: JSON.parse(row.categories) as string[],
    tags: JSON.parse(row.tags) as string[],
    excerpt: row.excerpt,
  };
}

/** Rows of `posts p` a reader can see at `@now`: due and not shadowed (drafts are never stored). */

function paginate(total: number, page: number, size: number) {
  return { pages: Math.max(1, Math.ceil(total / size)), offset: (page - 1) * size };
}

/** Newest visible posts, or those of one category or tag; null when the page does not exist. */
export function listPosts(
  index: ContentIndex,
  opts: { page: number; size: number; now: number; term?: { kind: TermKind; name: string } },
): Page<PostMeta> | null {
  const { page, size, now, term } = opts;
  if (!Number.isInteger(page) || page < 1) return null;
  const from = term
    ? `FROM terms t JOIN posts p ON p.path = t.path WHERE t.kind = @kind AND t.key = @key AND ${VISIBLE}`
    : `FROM posts p WHERE ${VISIBLE}`;
  const order = term ? 't.date DESC, t.path DESC' : 'p.date DESC, p.path DESC';
  const params = term ? { kind: term.kind, key: termKey(term.name), now } : { now };
  const { total, rows } = recovering(index, () => {
    const total = cached(index.db, `SELECT COUNT(*) ${from}`).pluck().get(params) as number;
    const { offset } = paginate(total, page, size);
    const rows = cached(
      index.db,
      `SELECT ${META_COLUMNS} ${from} ORDER BY ${order} LIMIT @size OFFSET @offset`,
    ).all({ ...params, size, offset }) as PostRow[];
    return { total, rows };
  });
  const { pages } = paginate(total, page, size);
  if (page > pages || (term && total === 0)) return null;
  return { items: rows.map(toMeta), page, pages, total };
}

/** Every category or tag with its number of visible posts, most used first. */
export function listTerms(index: ContentIndex, kind: TermKind, now: number): TermCount[] {
  return recovering(index, () =>
    cached(
      index.db,
      `SELECT MIN(t.name) AS name, t.key AS key, COUNT(*) AS count FROM terms t JOIN posts p ON p.path = t.path
         WHERE t.kind = @kind AND ${VISIBLE} GROUP BY t.key ORDER BY count DESC, t.key`,
    ).all({ kind, now }),
  ) as TermCount[];
}

/** The display name of a category or tag key, or null when no visible post carries it. */
export function termName(
  index: ContentIndex,
  kind: TermKind,
  name: string,
  now = Date.now(),
): string | null {
  const row = recovering(index, () =>
    cached(
      index.db,
      `SELECT MIN(t.name) FROM terms t JOIN posts p ON p.path = t.path
         WHERE t.kind = @kind AND t.key = @key AND ${VISIBLE}`,
    )
      .pluck()
      .get({ kind, key: termKey(name), now }),
  ) as string | null;
  return row ?? null;
}

export type Lookup = { kind: 'post'; path: string } | { kind: 'redirect'; url: string } | null;

/** Resolves a decoded URL path to the post serving it, or to the post whose old Jekyll URL it is. */
export function lookupUrl(index: ContentIndex, url: string, now: number): Lookup {
  const key = urlKey(url);
  return recovering(index, (): Lookup => {
    const hit = cached(
      index.db,
      `SELECT p.path FROM posts p WHERE p.url_key = @key AND ${VISIBLE} ORDER BY p.path LIMIT 1`,
    )
      .pluck()
      .get({ key, now }) as string | undefined;
    if (hit) return { kind: 'post', path: hit };
    const old = cached(
      index.db,
      `SELECT p.url FROM posts p WHERE p.jekyll_key = @key AND ${VISIBLE} ORDER BY p.path LIMIT 1`,
    )
      .pluck()
      .get({ key, now }) as string | undefined;
    return old ? { kind: 'redirect', url: old } : null;
  });
}

/** The URL of the visible post with this slug (old share links carry only the slug). */
export function urlForSlug(index: ContentIndex, slug: string, now: number): string | null {
  const url = recovering(index, () =>
    cached(
      index.db,
      `SELECT p.url FROM posts p WHERE p.slug = @slug AND ${VISIBLE} ORDER BY p.date DESC, p.path LIMIT 1`,
    )
      .pluck()
      .get({ slug, now }),
  ) as string | undefined;
  return url ?? null;
}

/** Newest visible post URLs, for pre-rendering at build time. */
export function newestUrls(index: ContentIndex, limit: number, now: number): string[] {
  return recovering(index, () =>
    cached(
      index.db,
      `SELECT p.url FROM posts p WHERE ${VISIBLE} ORDER BY p.date DESC, p.path DESC LIMIT @limit`,
    )
      .pluck()
      .all({ now, limit }),
  ) as string[];
}

/** Reads and parses one indexed post file again, for its body. */
export function readPost(index: ContentIndex, rel: string): Post | null {
  const abs = path.join(index.contentDir, rel);
  if (!abs.startsWith(index.contentDir + path.sep)) return null;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch {
    return null;
  }
  const result = parsePost(rel, bytes, { timeZone: index.timeZone });
  return result.ok && result.post.published ? result.post : null;
}

/** Every recorded problem, errors first, for logs and the checker. */
export function listProblems(index: ContentIndex): ContentError[] {
  return recovering(index, () =>
    cached(
      index.db,
      `SELECT path AS file, line, message, severity FROM problems
         ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, path, line`,
    ).all(),
  ) as ContentError[];
}

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

/** How many visible posts of a list (home, or one term's) come before a post at (date, path). */
export function countBefore(
  index: ContentIndex,
  term: { kind: TermKind; name: string } | null,
  date: number,
  path: string,
  now: number,
): number {
  const before = '(p.date > @date OR (p.date = @date AND p.path > @path))';
  const sql = term
    ? `SELECT COUNT(*) FROM terms t JOIN posts p ON p.path = t.path WHERE t.kind = @kind AND t.key = @key AND ${VISIBLE} AND ${before}`
    : `SELECT COUNT(*) FROM posts p WHERE ${VISIBLE} AND ${before}`;
  return cached(index.db, sql)
    .pluck()
    .get({
      now,
      date,
      path,
      ...(term ? { kind: term.kind, key: termKey(term.name) } : {}),
    }) as number;
}

/** Records a webhook delivery id; false when it was handled before. */
export function claimDelivery(index: ContentIndex, id: string, now: number): boolean {
  const { db } = index;
  db.prepare('DELETE FROM deliveries WHERE at < ?').run(now - 30 * 24 * 60 * 60 * 1000);
  return (
    db.prepare('INSERT OR IGNORE INTO deliveries (id, at) VALUES (?, ?)').run(id, now).changes === 1
  );
}
