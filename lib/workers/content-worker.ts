// The code that runs in the worker threads of lib/workers/pool.ts, bundled by
// scripts/build-workers.mjs: rendering a body (markdown-it, DOMPurify on jsdom), which a hostile
// body can make slow, and reading post files for a scan, which a cold index does by the
// thousand. Each export is one kind of task; arguments and results cross threads by value.
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { parsePost } from '@/lib/content/parse';
import { indexPending } from '@/lib/content/search-schema';
import { renderBody, type RenderedPost } from '@/lib/render';
import type { IndexedResult } from '@/lib/types';

export type RenderTask = { body: string; format: 'markdown' | 'html' };

export function render(task: RenderTask): RenderedPost {
  return renderBody(task.body, task.format);
}

export type ParseTask = {
  contentDir: string;
  files: string[];
  timeZone: string;
  aliasZones: string[];
};

/** Reads and parses files; posts come back without their body (the index does not keep it). */
export function parse(task: ParseTask): IndexedResult[] {
  return task.files.map((rel): IndexedResult => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(task.contentDir, rel));
    } catch (error) {
      const message = `could not read: ${String(error)}`;
      return { ok: false, error: { file: rel, line: 1, message, severity: 'error' } };
    }
    const result = parsePost(rel, bytes, task);
    if (!result.ok) return result;
    const { body, ...post } = result.post;
    return { ok: true, post };
  });
}

export type SearchTask = { dbFile: string; limit: number };

/** This thread's own handle on each index file it was asked to fill. */
const handles = new Map<string, Database.Database>();

/** Indexes a batch of queued posts for search; how many are still queued. */
export function indexSearch(task: SearchTask): number {
  let db = handles.get(task.dbFile);
  if (!db) {
    db = new Database(task.dbFile, { timeout: 15_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    handles.set(task.dbFile, db);
  }
  return indexPending(db, task.limit);
}

/** This thread's memory, for diagnostics (the server's health answer). */
export function memory(): { heapUsed: number; heapTotal: number } {
  const { heapUsed, heapTotal } = process.memoryUsage();
  return { heapUsed, heapTotal };
}
