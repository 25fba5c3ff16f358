// Keeping the index in step with the content folder, from the server's side: every scan runs in
// a worker thread with its own connection, so no post file and no list of a million files ever
// passes through the server's thread or heap. Named files (a publish, a catch-up) are read whole,
// text and search entry included, in one transaction (lib/content/scan-named.ts); the whole
// folder is compared, or bulk-scanned, by lib/content/bulk.ts. A folder that cannot be read keeps
// what the index knew of it: it is reported, never taken for deleted posts. Scans of one index
// run one at a time.
import 'server-only';

import { isCorrupt, recreate, type ContentIndex } from '@/lib/content/db';
import type { ContentError } from '@/lib/types';
import { bulkScanInWorker, findChangesInWorker, scanFilesInWorker } from '@/lib/workers/pool';

export type ScanReport = {
  added: number;
  changed: number;
  removed: number;
  scanned: number;
  ms: number;
  /** The files written or forgotten; empty after a bulk scan (`bulk`), which may be a million. */
  touched: string[];
  /** A bulk scan: every page may have changed. */
  bulk: boolean;
  /** Folders (relative to the content folder) that could not be read, with why. */
  unreadable: ContentError[];
  /** A cold load's phases, in ms (lib/content/bulk.ts). */
  phases?: { load: number; merge: number; finish: number };
};

/**
 * Past this many named files a scan is done in bulk, over the whole folder (their texts then
 * follow in the background): name fewer at a time to read only those.
 */
export const BULK_FROM = 2_000;

/** Re-reads the named files (paths relative to the content folder), in a worker thread. */
async function scanNamed(index: ContentIndex, only: string[]): Promise<ScanReport> {
  const started = performance.now();
  const report = await scanFilesInWorker({ ...source(index), files: only });
  return { ...report, ms: performance.now() - started, bulk: false, unreadable: [] };
}

function source(index: ContentIndex) {
  return {
    dbFile: index.db.name,
    contentDir: index.contentDir,
    timeZone: index.timeZone,
    aliasZones: index.aliasZones,
  };
}

/**
 * Brings the whole folder into the index, in the worker threads: the changed files by name when
 * they are few (whole, at once), else in bulk (their texts follow in the background).
 */
async function scanAll(index: ContentIndex): Promise<ScanReport> {
  const started = performance.now();
  const changes = await findChangesInWorker(source(index));
  if (changes.files && changes.files.length < BULK_FROM) {
    const named = await scanNamed(index, changes.files);
    const scanned = countFiles(index);
    return { ...named, scanned, ms: performance.now() - started, unreadable: changes.unreadable };
  }
  const report = await bulkScanInWorker(source(index));
  return { ...report, ms: performance.now() - started, touched: [], bulk: true };
}

function countFiles(index: ContentIndex): number {
  return index.db.prepare('SELECT COUNT(*) FROM files').pluck().get() as number;
}

/** The files that are new, changed or gone since the index last saw them; null: too many to name. */
export async function findChanges(index: ContentIndex): Promise<string[] | null> {
  const changes = await findChangesInWorker({
    dbFile: index.db.name,
    contentDir: index.contentDir,
  });
  return changes.files;
}

const queues = new WeakMap<ContentIndex, Promise<unknown>>();
let pending = 0;

/** Whether a scan (a publish) is waiting or running: background writers wait for it. */
export function scanning(): boolean {
  return pending > 0;
}

/** Runs `job` after every earlier scan of the same index has finished. */
function serialized<T>(index: ContentIndex, job: () => Promise<T>): Promise<T> {
  pending++;
  const next = (queues.get(index) ?? Promise.resolve()).then(job, job).finally(() => {
    pending--;
  });
  queues.set(
    index,
    next.catch(() => undefined),
  );
  return next;
}

async function scan(index: ContentIndex, only?: string[]): Promise<ScanReport> {
  return only && only.length < BULK_FROM ? scanNamed(index, only) : scanAll(index);
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
      return scanAll(index);
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
      return scanAll(index);
    });
    return read();
  }
}
