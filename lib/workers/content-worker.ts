// The code that runs in the worker threads of lib/workers/pool.ts, bundled by
// scripts/build-workers.mjs: everything that reads post files or may take long. Scans (a few
// named files, or the whole folder in bulk), rendering a body (markdown-it, DOMPurify on jsdom),
// and the background fill of texts and renders. Each export is one kind of task; arguments and
// results cross threads by value. Each thread keeps its own connection to an index file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

import type Database from 'better-sqlite3';
import { Piscina } from 'piscina';

import {
  bulkScan,
  coldLoad,
  findChangesIn,
  loadShard,
  type BulkReport,
  type Changes,
} from '@/lib/content/bulk';
import { connect } from '@/lib/content/db';
import {
  makeTexts,
  writeTexts,
  type Cursor,
  type FillSource,
  type MadeText,
} from '@/lib/content/fill-work';
import { parsePost } from '@/lib/content/parse';
import type { Rendering, RenderResult, RenderSource } from '@/lib/content/render-store';
import { readSource } from '@/lib/content/source';
import { newestPostFiles } from '@/lib/content/walk';
import { scanNamedIn, type NamedReport } from '@/lib/content/scan-named';
import type { IndexedResult, PostMeta } from '@/lib/types';

/** This thread's connection to each index file, opened again when the file was replaced. */
const handles = new Map<string, { db: Database.Database; ino: number; cacheMb: number }>();

function handle(file: string, cacheMb = 8): Database.Database {
  const ino = fs.statSync(file).ino;
  const held = handles.get(file);
  if (held && held.ino === ino && held.cacheMb >= cacheMb) return held.db;
  held?.db.close();
  const db = connect(file, cacheMb);
  handles.set(file, { db, ino, cacheMb });
  return db;
}

/**
 * An error as it can cross to the server's thread: better-sqlite3's SqliteError arrives there
 * as `{ code }` alone (its message and stack are not copied), so it is sent as a plain object
 * that keeps them; lib/workers/pool.ts makes an Error of it again.
 */
function portable(error: unknown): unknown {
  if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') {
    return {
      name: error.name,
      message: error.message,
      code: (error as unknown as { code: string }).code,
      stack: error.stack,
    };
  }
  return error;
}

/** A task whose errors reach the server's thread whole. */
function portableTask<A extends unknown[], R>(run: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      const result = run(...args);
      return (
        result instanceof Promise
          ? result.catch((error: unknown) => Promise.reject(portable(error)))
          : result
      ) as R;
    } catch (error) {
      throw portable(error);
    }
  };
}

let lowered = false;

/**
 * Puts this thread below the server's request thread for the CPU (Linux: a thread is niced by
 * its own id, read from /proc/thread-self). Elsewhere the fill still runs, unniced. A thread
 * that holds the index's write lock while it works is niced less (`10`): one starved for the
 * CPU while holding it would hold up publishing.
 */
function lowerPriority(nice = 19): void {
  if (lowered) return;
  lowered = true;
  setNice(nice);
}

/** This thread's nice value as last set here (0: as it started). */
let niced = 0;

/** Sets this thread's nice value; false where that is not possible (not Linux, not permitted). */
function setNice(nice: number): boolean {
  if (nice === niced) return true;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid)) return false;
    os.setPriority(tid, nice);
    niced = nice;
    return true;
  } catch {
    // No /proc, or raising a priority again needs a privilege (CAP_SYS_NICE) the server may
    // lack: the thread stays as it was, and the fill still yields by pausing under pressure.
    return false;
  }
}

/** How a render ahead of readers is niced on the readers' render thread (lib/content/fill.ts). */
const BEHIND_NICE = 10;

export type ParseTask = {
  contentDir: string;
  files: string[];
  timeZone: string;
  aliasZones: string[];
  text: 'full' | 'lead';
};

/** Reads and parses files; posts come back without their body (the index does not keep it). */
export function parse(task: ParseTask): IndexedResult[] {
  return task.files.map((rel): IndexedResult => {
    let file;
    try {
      file = readSource(path.join(task.contentDir, rel));
    } catch (error) {
      const message = `could not read: ${String(error)}`;
      return { ok: false, error: { file: rel, line: 1, message, severity: 'error' } };
    }
    const result = parsePost(rel, file.bytes, { ...task, source: file });
    if (!result.ok) return result;
    const { body, ...post } = result.post;
    return { ok: true, post };
  });
}

export type ScanTask = FillSource & { dbFile: string; files?: string[] };

let parsers: Piscina | null = null;

/** Re-reads named files, whole (their text and search entry included). */
export const scanFiles = portableTask(function scanFiles(
  task: ScanTask & { files: string[] },
): NamedReport {
  return scanNamedIn(handle(task.dbFile), task, task.files, (files) =>
    parse({ ...task, files, text: 'full' }),
  );
});

/** A cold load's part: files parsed here and written into this thread's own shard. */
export const shard = portableTask(function shard(task: ScanTask & { files: string[] }): number {
  return loadShard(`${task.dbFile}.shard-${threadId}`, task, task.files);
});

/**
 * Brings the whole folder into the index; new posts' texts are left to the background fill.
 * An empty index is loaded in shards, by the parsing threads; any other in batches written here.
 */
export const scanAll = portableTask(async function scanAll(task: ScanTask): Promise<BulkReport> {
  parsers ??= new Piscina({
    filename: __filename,
    name: 'parse',
    atomics: 'disabled',
    minThreads: 0,
    maxThreads: Math.min(2, os.availableParallelism()),
    idleTimeout: 2_000,
    // Parsing allocates many short strings: a larger young generation collects them less often.
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
  });
  const pool = parsers;
  // A connection of its own with a larger page cache, closed after: its memory goes with it.
  const db = connect(task.dbFile, 64);
  try {
    if (db.prepare('SELECT COUNT(*) FROM files').pluck().get() === 0) {
      const { dbFile, contentDir, timeZone, aliasZones } = task;
      const load = (files: string[]) =>
        pool.run({ dbFile, contentDir, timeZone, aliasZones, files }, { name: 'shard' });
      return await coldLoad(db, contentDir, load as (files: string[]) => Promise<number>);
    }
    return await bulkScan(db, task.contentDir, task.timeZone, (files) =>
      pool.run({ ...task, files, text: 'lead' } satisfies ParseTask, { name: 'parse' }),
    );
  } finally {
    db.close();
  }
});

/** How many post files there are, and the newest `limit` by name. */
export function newest(task: { contentDir: string; limit: number }) {
  return newestPostFiles(task.contentDir, task.limit);
}

/** What changed in the folder since the index last looked. */
export const changes = portableTask(function changes(task: {
  dbFile: string;
  contentDir: string;
}): Changes {
  return findChangesIn(handle(task.dbFile), task.contentDir);
});

/** Makes the whole text of up to `limit` queued posts after `cursor`, at low priority. */
export const makeText = portableTask(function makeText(
  task: FillSource & { dbFile: string; limit: number; cursor: Cursor },
): {
  made: MadeText[];
  cursor: Cursor;
} {
  lowerPriority();
  return makeTexts(handle(task.dbFile), task, task.limit, task.cursor);
});

/** Writes what `makeText` made, at low priority (its own thread: it holds the write lock). */
export const writeText = portableTask(function writeText(task: {
  dbFile: string;
  made: MadeText[];
}): void {
  lowerPriority(10);
  writeTexts(handle(task.dbFile), task.made);
});

export type RenderTask = RenderSource & {
  /**
   * Rendered ahead of readers, in the background: the thread is niced while it runs, below
   * every server's request thread on the machine (another instance's too), and put back for a
   * reader's render where the system lets it.
   */
  behind?: boolean;
  /** The index to store the result in, and the post's id there; none for a preview. */
  dbFile?: string;
  id?: number;
  overBudget?: string;
  /** Stored before the task returns (the editors' checker reads the renders right after). */
  storeFirst?: boolean;
};

/**
 * Renders a post's indexed version (and stores it in the index when given one). The renderer
 * (jsdom) is loaded on a thread's first render, not by threads that only scan.
 */
export const render = portableTask(async function render(task: RenderTask): Promise<RenderResult> {
  const { renderSource, storeRendering } = await import('@/lib/content/render-store');
  setNice(task.behind ? BEHIND_NICE : 0);
  const result = renderSource(task, task.overBudget);
  const { dbFile, id } = task;
  if (result.kind !== 'done' || !dbFile || id === undefined) return result;
  const store = (waitMs: number) => {
    // The thread's connection is shared with its other tasks (a publish's scan on the index
    // thread): its own wait for the write lock is put back after.
    let restore = () => {};
    try {
      const db = handle(dbFile);
      const wait = db.pragma('busy_timeout', { simple: true }) as number;
      restore = () => db.pragma(`busy_timeout = ${wait}`);
      db.pragma(`busy_timeout = ${waitMs}`);
      storeRendering(db, id, task.hash, result.rendering);
    } catch (error) {
      // Not stored: a reader still got it, and the post stays queued for the background fill.
      if (waitMs > STORE_WAIT_MS) {
        console.error(`[render] ${task.path}: could not store its render: ${String(error)}`);
      }
    } finally {
      restore();
    }
  };
  // A reader gets the render at once; it is stored after, unless the index's write lock stays
  // taken (the background fill writing): never a reader waiting on a writer.
  if (task.storeFirst) store(15_000);
  else setImmediate(() => store(STORE_WAIT_MS));
  return result;
});

/** How long a render a reader asked for waits for the write lock to be stored. */
const STORE_WAIT_MS = 200;

export type PreviewTask = { contentDir: string; path: string; timeZone: string };
export type Preview = { post: PostMeta; rendering: Rendering } | null;

/**
 * An editor's preview of a post file as it is now, indexed or not, published or not: its
 * metadata and its rendering (never stored).
 */
export const preview = portableTask(async function preview(task: PreviewTask): Promise<Preview> {
  setNice(0); // an editor waits for it
  let file;
  try {
    file = readSource(path.join(task.contentDir, task.path));
  } catch {
    return null;
  }
  const parsed = parsePost(task.path, file.bytes, { timeZone: task.timeZone, source: file });
  if (!parsed.ok) return null;
  const { renderSource } = await import('@/lib/content/render-store');
  const result = renderSource({ ...task, hash: file.hash });
  if (result.kind !== 'done') return null;
  const { path: rel, url, title, date, categories, tags, excerpt } = parsed.post;
  return {
    post: { path: rel, url, title, date, categories, tags, excerpt },
    rendering: result.rendering,
  };
});

/** Loads the renderer, so that a render's budget never pays for it. */
export async function warm(): Promise<void> {
  await import('@/lib/content/render-store');
}

/** This thread's memory, for diagnostics. */
export function memory(): { heapUsed: number; heapTotal: number } {
  const { heapUsed, heapTotal } = process.memoryUsage();
  return { heapUsed, heapTotal };
}
