// The scans that touch the whole content folder, run in a worker thread with the thread's own
// connection (lib/workers/content-worker.ts): finding what changed since the index last looked
// (the background check, a catch-up), and the bulk scan of a cold index or a large change,
// which parses in a pool of threads in the lead mode of lib/content/parse.ts (the texts follow
// in the background, lib/content/fill.ts) and writes batch by batch. Neither keeps a list of
// every file but the paths a check sees (to find deleted ones): a million posts fit a
// worker thread's heap.
import 'server-only';

import type Database from 'better-sqlite3';

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { cached, finishBulkLoad, mergeShard, openShard, startBulkLoad } from '@/lib/content/db';
import { parsePost } from '@/lib/content/parse';
import { readSource } from '@/lib/content/source';
import { inUnreadable, postFiles, postPaths } from '@/lib/content/walk';
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
  /** Where a cold load's time went, in ms: reading and parsing, merging, indexes and counts. */
  phases?: { load: number; merge: number; finish: number };
};

/** Files parsed at once by each parsing thread, and written in one transaction. */
const BATCH = 500;

/** The shard files of a bulk load into `dbFile`, one per parsing thread. */
export function shardFiles(dbFile: string): string[] {
  const dir = path.dirname(dbFile);
  const prefix = `${path.basename(dbFile)}.shard-`;
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .map((name) => path.join(dir, name));
}

/** This thread's open shard: kept from batch to batch (its page cache with it), by file. */
let openShardOf: { file: string; ino: number; db: Database.Database } | null = null;

function shardHandle(file: string): Database.Database {
  const ino = fs.statSync(file, { throwIfNoEntry: false })?.ino;
  if (openShardOf && openShardOf.file === file && openShardOf.ino === ino) return openShardOf.db;
  openShardOf?.db.close();
  const db = openShard(file);
  openShardOf = { file, ino: fs.statSync(file).ino, db };
  return db;
}

/**
 * A part of a cold load, in a parsing thread: the files read, parsed in lead mode and written
 * into the thread's own shard (no lock shared with anyone); how many it wrote.
 */
export function loadShard(
  shard: string,
  src: { contentDir: string; timeZone: string; aliasZones: string[] },
  files: string[],
): number {
  // Each batch is committed (the merge reads it), the connection and its cache stay open.
  const db = shardHandle(shard);
  const w = writer(db, src.timeZone, false);
  let written = 0;
  db.transaction(() => {
    for (const rel of files) {
      let file;
      try {
        file = readSource(path.join(src.contentDir, rel));
      } catch {
        continue; // gone since the walk saw it
      }
      const parsed = parsePost(rel, file.bytes, { ...src, text: 'lead', source: file });
      const result = parsed.ok ? { ok: true as const, post: parsed.post } : parsed;
      storeFile(w, rel, { size: file.size, mtime: file.mtime }, result);
      written++;
    }
  }).immediate();
  return written;
}

/**
 * Loads an empty index from the whole folder: the walk hands batches of paths to `load` (the
 * parsing threads, each writing its own shard), then the shards are merged, and the indexes,
 * counts and queues made once.
 */
export async function coldLoad(
  db: Database.Database,
  contentDir: string,
  load: (files: string[]) => Promise<number>,
): Promise<BulkReport> {
  const started = performance.now();
  for (const shard of shardFiles(db.name)) fs.rmSync(shard, { force: true });
  startBulkLoad(db);
  const report: BulkReport = { added: 0, changed: 0, removed: 0, scanned: 0, unreadable: [] };
  const inFlight = new Set<Promise<void>>();
  let batch: string[] = [];
  const flush = () => {
    const job = load(batch).then((n) => {
      report.added += n;
    });
    batch = [];
    inFlight.add(job);
    const done = () => void inFlight.delete(job);
    job.then(done, done);
  };
  for (const rel of postPaths(contentDir, report.unreadable)) {
    report.scanned++;
    batch.push(rel);
    if (batch.length < BATCH) continue;
    flush();
    if (inFlight.size >= 2) await Promise.race(inFlight);
  }
  if (batch.length) flush();
  await Promise.all(inFlight);
  const loaded = performance.now();
  // The parsing threads are done: SQLite's sorter may use their cores for the merge's ORDER BYs
  // and the indexes made after.
  db.pragma(`threads = ${os.availableParallelism()}`);
  for (const shard of shardFiles(db.name)) mergeShard(db, shard);
  const merged = performance.now();
  finishBulkLoad(db);
  db.transaction(() => settleClaims(db, 'all')).immediate();
  const finished = performance.now();
  report.phases = {
    load: Math.round(loaded - started),
    merge: Math.round(merged - loaded),
    finish: Math.round(finished - merged),
  };
  return report;
}

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
      }).immediate();
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
    }).immediate();
    report.removed = gone.length;
  }
  db.transaction(() => settleClaims(db, cold ? 'all' : w.touchedKeys)).immediate();
  return report;
}
