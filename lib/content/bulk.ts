// The scans that touch the whole content folder, run in a worker thread with the thread's own
// connection (lib/workers/content-worker.ts): finding what changed since the index last looked
// (the background check, a catch-up), and the bulk scan of a cold index or a large change,
// which parses in a pool of threads in the lead mode of lib/content/parse.ts (the texts follow
// in the background, lib/content/fill.ts) and writes batch by batch. Neither keeps a list of
// every file but the paths a check sees (to find deleted ones): a million posts fit a
// worker thread's heap.
import 'server-only';

import type Database from 'better-sqlite3';

import { cached, finishBulkLoad, startBulkLoad } from '@/lib/content/db';
import { inUnreadable, postFiles } from '@/lib/content/walk';
import { forgetFile, settleClaims, storeFile, writer, type Fingerprint } from '@/lib/content/write';
import type { ContentError, IndexedResult } from '@/lib/types';

/** Past this many changed files a check reports "many" instead of naming them. */
export const MANY_CHANGES = 5_000;

export type Changes = {
  /** New, changed and deleted files; null when there are more than MANY_CHANGES. */
  files: string[] | null;
  unreadable: ContentError[];
};

function storedFiles(db: Database.Database): number {
  return cached(db, 'SELECT COUNT(*) FROM files').pluck().get() as number;
}

/** The files deleted since the index saw them: those it holds that the folder no longer has. */
function deleted(db: Database.Database, seen: Set<string>, folders: ContentError[]): string[] {
  const gone: string[] = [];
  for (const rel of cached(db, 'SELECT path FROM files').pluck().iterate() as Iterable<string>) {
    if (!seen.has(rel) && !inUnreadable(rel, folders)) gone.push(rel);
  }
  return gone;
}

/**
 * What changed in the folder since the index last saw it. Deleted files are looked for only
 * when the counts say some are missing (every stored file seen again means none is).
 */
export function findChangesIn(db: Database.Database, contentDir: string): Changes {
  const known = cached(db, 'SELECT size, mtime FROM files WHERE path = ?');
  const changed: string[] = [];
  const unreadable: ContentError[] = [];
  let seenKnown = 0;
  for (const { rel, fp } of postFiles(contentDir, unreadable)) {
    const old = known.get(rel) as Fingerprint | undefined;
    if (old) seenKnown++;
    if (old && old.size === fp.size && old.mtime === fp.mtime) continue;
    if (changed.length >= MANY_CHANGES) return { files: null, unreadable };
    changed.push(rel);
  }
  if (seenKnown < storedFiles(db)) {
    const seen = new Set<string>();
    for (const { rel } of postFiles(contentDir, [])) seen.add(rel);
    changed.push(...deleted(db, seen, unreadable));
    if (changed.length > MANY_CHANGES) return { files: null, unreadable };
  }
  return { files: changed, unreadable };
}

export type BulkReport = {
  added: number;
  changed: number;
  removed: number;
  scanned: number;
  unreadable: ContentError[];
};

/** Files parsed at once by each parsing thread, and written in one transaction. */
const BATCH = 500;

/**
 * Brings the index in step with the whole folder: every new or changed file is parsed (by
 * `parse`, in other threads) and written a batch per transaction, deleted files forgotten,
 * then claims on URLs settled. On an empty index nothing is compared and no history kept.
 */
export async function bulkScan(
  db: Database.Database,
  contentDir: string,
  timeZone: string,
  parse: (files: string[]) => Promise<IndexedResult[]>,
): Promise<BulkReport> {
  const cold = storedFiles(db) === 0;
  // An empty index is loaded without its indexes and triggers, made once at the end.
  if (cold) startBulkLoad(db);
  const known = cached(db, 'SELECT size, mtime FROM files WHERE path = ?');
  const report: BulkReport = { added: 0, changed: 0, removed: 0, scanned: 0, unreadable: [] };
  const seen = cold ? null : new Set<string>();
  const w = writer(db, timeZone, !cold);
  let batch: { rel: string; fp: Fingerprint; isNew: boolean }[] = [];
  const inFlight = new Set<Promise<void>>();

  const flush = () => {
    const files = batch;
    batch = [];
    const job = parse(files.map((f) => f.rel)).then((results) => {
      db.transaction(() => {
        files.forEach((f, i) => {
          const result = results[i];
          if (!result) return;
          if (!cold) forgetFile(w, f.rel);
          storeFile(w, f.rel, f.fp, result);
        });
      })();
      for (const f of files) report[f.isNew ? 'added' : 'changed']++;
    });
    inFlight.add(job);
    const done = () => void inFlight.delete(job);
    job.then(done, done);
    return job;
  };

  // Two batches are parsed while the walk goes on; it waits when both threads are busy.
  for (const { rel, fp } of postFiles(contentDir, report.unreadable)) {
    report.scanned++;
    seen?.add(rel);
    const old = cold ? undefined : (known.get(rel) as Fingerprint | undefined);
    if (old && old.size === fp.size && old.mtime === fp.mtime) continue;
    batch.push({ rel, fp, isNew: !old });
    if (batch.length < BATCH) continue;
    void flush();
    if (inFlight.size >= 2) await Promise.race(inFlight);
  }
  if (batch.length) void flush();
  await Promise.all(inFlight);
  if (seen) {
    const gone = deleted(db, seen, report.unreadable);
    db.transaction(() => {
      for (const rel of gone) {
        forgetFile(w, rel);
        cached(db, 'DELETE FROM files WHERE path = ?').run(rel);
      }
    })();
    report.removed = gone.length;
  }
  if (cold) finishBulkLoad(db);
  db.transaction(() => settleClaims(db, cold ? 'all' : w.touchedKeys))();
  return report;
}
