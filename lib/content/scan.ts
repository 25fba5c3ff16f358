// Keeping the index in step with the content folder. One walker finds every post file with its
// fingerprint (size, mtime); a scan re-reads only new and changed files, forgets deleted ones,
// and writes the result in one transaction. A folder that cannot be read keeps what the index
// knew of it: it is reported, never taken for deleted posts. Scans of one index run one at a time.
import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import { cached, isCorrupt, recreate, termKey, type ContentIndex } from '@/lib/content/db';
import { isCandidate, parsePost } from '@/lib/content/parse';
import { urlKey } from '@/lib/content/permalink';
import { indexPending, searchBacklog } from '@/lib/content/search-schema';
import type { ContentError, IndexedResult, ParseResult } from '@/lib/types';
import { parseInWorkers } from '@/lib/workers/pool';

/** How long the state a post had before a change is kept for publishing to revalidate. */
const HISTORY_MS = 60 * 60 * 1000;
/** A search backlog this small is indexed with the scan; a larger one by lib/content/search-fill.ts. */
const SEARCH_AT_ONCE = 200;
/** Files stat-ed or read at once: the thread pool does the work, the event loop stays free. */
const BATCH = 256;

export type ScanReport = {
  added: number;
  changed: number;
  removed: number;
  scanned: number;
  ms: number;
  touched: string[];
  /** Folders (relative to the content folder) that could not be read, with why. */
  unreadable: ContentError[];
};

type Fingerprint = { size: number; mtime: number };
type Walk = { files: Map<string, Fingerprint>; unreadable: ContentError[] };

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

function fingerprint(st: fs.Stats): Fingerprint {
  return { size: st.size, mtime: Math.trunc(st.mtimeMs) };
}

function unreadable(rel: string, error: unknown): ContentError {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    file: rel,
    line: 1,
    message: `folder cannot be read (${reason}): its posts are kept as they were. Fix its permissions`,
    severity: 'error',
  };
}

/** Every post file under `_posts/` with its fingerprint, and the folders that could not be read. */
async function walk(contentDir: string): Promise<Walk> {
  const out: Walk = { files: new Map(), unreadable: [] };
  const visit = async (rel: string, root: boolean): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(contentDir, rel), { withFileTypes: true });
    } catch (error) {
      // A folder deleted since its parent was listed is gone; anything else is unreadable.
      if (!root && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
      out.unreadable.push(unreadable(rel, error));
      return;
    }
    const files: string[] = [];
    for (const entry of entries) {
      if (!isCandidate(entry.name)) continue;
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) await visit(child, false);
      else if (entry.isFile() && POST_EXTENSION.test(entry.name)) files.push(child);
    }
    for (let i = 0; i < files.length; i += BATCH) {
      const batch = files.slice(i, i + BATCH);
      const stats = await Promise.all(
        batch.map((f) => fs.promises.stat(path.join(contentDir, f)).catch(() => null)),
      );
      stats.forEach((st, j) => {
        if (st) out.files.set(batch[j] ?? '', fingerprint(st));
      });
    }
  };
  await visit('_posts', true);
  return out;
}

/** Whether `rel` lies in one of the unreadable folders. */
function inUnreadable(rel: string, folders: ContentError[]): boolean {
  return folders.some((f) => rel.startsWith(`${f.file}/`));
}

function knownFingerprints(index: ContentIndex, only?: string[]): Map<string, Fingerprint> {
  const rows = only
    ? only.map((p) => cached(index.db, 'SELECT path, size, mtime FROM files WHERE path = ?').get(p))
    : cached(index.db, 'SELECT path, size, mtime FROM files').all();
  const known = new Map<string, Fingerprint>();
  for (const row of rows as ({ path: string } & Fingerprint)[]) {
    if (row) known.set(row.path, { size: row.size, mtime: row.mtime });
  }
  return known;
}

/** The files that are new, changed or gone since the index last saw them. */
export async function findChanges(index: ContentIndex): Promise<string[]> {
  const { files: seen, unreadable: folders } = await walk(index.contentDir);
  const changed: string[] = [];
  for (const [rel, old] of knownFingerprints(index)) {
    const now = seen.get(rel);
    if (now ? now.size !== old.size || now.mtime !== old.mtime : !inUnreadable(rel, folders)) {
      changed.push(rel);
    }
    seen.delete(rel);
  }
  changed.push(...seen.keys());
  return changed;
}

/** Past this many files a scan parses in worker threads (a cold index, a large pull). */
const PARALLEL_FROM = 200;

async function readAndParse(index: ContentIndex, rel: string): Promise<ParseResult> {
  try {
    const bytes = await fs.promises.readFile(path.join(index.contentDir, rel));
    return parsePost(rel, bytes, { timeZone: index.timeZone, aliasZones: index.aliasZones });
  } catch (error) {
    const message = `could not read: ${String(error)}`;
    return { ok: false, error: { file: rel, line: 1, message, severity: 'error' } };
  }
}

async function parseAll(index: ContentIndex, rels: string[]): Promise<Map<string, IndexedResult>> {
  const results = new Map<string, IndexedResult>();
  if (rels.length >= PARALLEL_FROM) {
    const { contentDir, timeZone, aliasZones } = index;
    const parsed = await parseInWorkers({ contentDir, timeZone, aliasZones, files: rels });
    parsed.forEach((result, i) => results.set(rels[i] ?? '', result));
    return results;
  }
  for (let i = 0; i < rels.length; i += BATCH) {
    const batch = rels.slice(i, i + BATCH);
    const parsed = await Promise.all(batch.map((rel) => readAndParse(index, rel)));
    parsed.forEach((result, j) => results.set(batch[j] ?? '', result));
  }
  return results;
}

type Diff = {
  seen: Map<string, Fingerprint>;
  changed: string[];
  removed: string[];
  added: number;
  unreadable: ContentError[];
};

async function diff(index: ContentIndex, only?: string[]): Promise<Diff> {
  let seen: Map<string, Fingerprint>;
  let folders: ContentError[] = [];
  // A restricted scan obeys the walk's rules, or the next full scan would undo it.
  const targets =
    only && [...new Set(only.map((rel) => path.posix.normalize(rel)))].filter(indexable);
  if (targets) {
    seen = new Map();
    for (const rel of targets) {
      const st = fs.lstatSync(path.join(index.contentDir, rel), { throwIfNoEntry: false });
      if (st?.isFile()) seen.set(rel, fingerprint(st));
    }
  } else {
    ({ files: seen, unreadable: folders } = await walk(index.contentDir));
  }
  const known = knownFingerprints(index, targets);
  const changed: string[] = [];
  let added = 0;
  for (const [rel, fp] of seen) {
    const old = known.get(rel);
    if (!old) added++;
    if (!old || old.size !== fp.size || old.mtime !== fp.mtime) changed.push(rel);
  }
  const removed = [...known.keys()].filter((rel) => !seen.has(rel) && !inUnreadable(rel, folders));
  return { seen, changed, removed, added, unreadable: folders };
}

/** One scan's writes: the handle, the scan's clock, and the URL keys whose claimants changed. */
type Writer = { db: ContentIndex['db']; now: number; touchedKeys: Set<string> };

/** Forgets what the index holds of a file, keeping where its post was listed (history). */
function forget(w: Writer, rel: string): void {
  const st = (sql: string) => cached(w.db, sql);
  const key = st('SELECT url_key FROM posts WHERE path = ?').pluck().get(rel) as string | undefined;
  if (key) w.touchedKeys.add(key);
  st(`INSERT INTO history (path, url, date, categories, tags, changed_at)
      SELECT path, url, date, categories, tags, @now FROM posts WHERE path = @path`).run({
    path: rel,
    now: w.now,
  });
  for (const table of ['posts', 'terms', 'problems', 'aliases']) {
    st(`DELETE FROM ${table} WHERE path = ?`).run(rel);
  }
}

/** Stores a file's fingerprint, its problems and, when it is a published post, the post. */
function store(w: Writer, rel: string, fp: Fingerprint, result: IndexedResult): void {
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
  w.touchedKeys.add(key);
  st(`INSERT INTO posts (path, url, url_key, jekyll_url, slug, title, date, categories, tags, excerpt, text)
      VALUES (@path, @url, @url_key, @jekyll_url, @slug, @title, @date, @categories, @tags, @excerpt, @text)`).run(
    {
      path: rel,
      url: post.url,
      url_key: key,
      jekyll_url: post.jekyllUrl,
      slug: post.slug,
      title: post.title,
      date: post.date,
      categories: JSON.stringify(post.categories),
      tags: JSON.stringify(post.tags),
      excerpt: post.excerpt,
      text: post.text,
    },
  );
  const putTerm = st(
    'INSERT OR IGNORE INTO terms (kind, key, name, path, date) VALUES (?, ?, ?, ?, ?)',
  );
  for (const c of post.categories) putTerm.run('category', termKey(c), c, rel, post.date);
  for (const t of post.tags) putTerm.run('tag', termKey(t), t, rel, post.date);
  const putAlias = st('INSERT OR IGNORE INTO aliases (key, path) VALUES (?, ?)');
  for (const alias of post.aliases) putAlias.run(urlKey(alias), rel);
}

/** Writes a scan's result in one transaction: removed and changed files, then URL claims. */
function apply(index: ContentIndex, d: Diff, parsed: Map<string, IndexedResult>): void {
  const { db } = index;
  const w: Writer = { db, now: Date.now(), touchedKeys: new Set() };
  cached(db, 'DELETE FROM history WHERE changed_at < ?').run(w.now - HISTORY_MS);
  const applyAll = () => {
    for (const rel of d.removed) {
      forget(w, rel);
      cached(db, 'DELETE FROM files WHERE path = ?').run(rel);
    }
    for (const rel of d.changed) {
      forget(w, rel);
      const fp = d.seen.get(rel);
      const result = parsed.get(rel);
      if (fp && result) store(w, rel, fp, result);
    }
    // Two visible posts claiming one URL: the first file by path serves it. A scheduled post
    // takes the URL over only once its date has come.
    const shadow = cached(
      db,
      `UPDATE posts SET shadowed_from = (SELECT MIN(q.date) FROM posts q
         WHERE q.url_key = posts.url_key AND q.path < posts.path) WHERE url_key = ?`,
    );
    for (const key of w.touchedKeys) shadow.run(key);
  };
  db.transaction(applyAll).immediate();
  // A publish is searchable as soon as it is listed; a cold index is filled in the background.
  const { pending } = searchBacklog(db);
  if (pending > 0 && pending <= SEARCH_AT_ONCE) indexPending(db, SEARCH_AT_ONCE);
}

async function scan(index: ContentIndex, only?: string[]): Promise<ScanReport> {
  const started = performance.now();
  const d = await diff(index, only);
  const parsed = await parseAll(index, d.changed);
  apply(index, d, parsed);
  return {
    added: d.added,
    changed: d.changed.length - d.added,
    removed: d.removed.length,
    scanned: d.seen.size,
    ms: performance.now() - started,
    touched: [...d.changed, ...d.removed],
    unreadable: d.unreadable,
  };
}

const queues = new WeakMap<ContentIndex, Promise<unknown>>();

/** Runs `job` after every earlier scan of the same index has finished. */
function serialized<T>(index: ContentIndex, job: () => Promise<T>): Promise<T> {
  const next = (queues.get(index) ?? Promise.resolve()).then(job, job);
  queues.set(
    index,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Re-reads the given files (paths relative to the content folder) or, with none, every changed
 * file. A damaged index file is replaced and filled from the whole folder.
 */
export function scanContent(index: ContentIndex, only?: string[]): Promise<ScanReport> {
  return serialized(index, async () => {
    try {
      return await scan(index, only);
    } catch (error) {
      if (!isCorrupt(error)) throw error;
      recreate(index);
      return scan(index);
    }
  });
}

/**
 * Runs a read of the index. Damage can surface long after `openIndex` checked the file's header,
 * on the first page a query touches: then the file is rebuilt and the read run once more.
 */
export async function readRecovering<T>(index: ContentIndex, read: () => T): Promise<T> {
  try {
    return read();
  } catch (error) {
    if (!isCorrupt(error)) throw error;
    await serialized(index, async () => {
      recreate(index);
      return scan(index);
    });
    return read();
  }
}
