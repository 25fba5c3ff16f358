// The background fill, behind the lists: every post's whole text and search entry (after a bulk
// scan read only the start of each), and every post's rendered body (so an article request
// reads finished HTML: only a post pushed seconds ago is rendered on demand). Newest first,
// from the queues in the index, so a killed server resumes where it was. It runs on one worker
// thread niced below the server's, a small batch at a time, and pauses while the server is
// under pressure (lib/shed.ts): requests and publishing always come first.
import 'server-only';

import type { ContentIndex } from '@/lib/content/db';
import { cached } from '@/lib/content/db';
import { processWide } from '@/lib/process-wide';
import { scanning } from '@/lib/content/scan';
import { underPressure } from '@/lib/shed';
import type { Cursor } from '@/lib/content/fill-work';
import {
  makeTextInWorker,
  renderAheadInWorker,
  renderInWorker,
  writeTextInWorker,
} from '@/lib/workers/pool';

/** Posts whose text is made per batch, and renders looked up per round. */
const TEXT_BATCH = 50;
const RENDER_BATCH = 20;
/** The newest posts rendered before any text is made: they are the ones read most. */
const RENDER_FIRST = 1_000;
/** How long the fill waits when the server is under pressure. */
const PAUSE_MS = 250;

type Fill = { running: Map<string, Promise<void>>; again: Set<string>; stopped: boolean };
const fills = processWide<Fill>('fill', () => ({
  running: new Map(),
  again: new Set(),
  stopped: false,
}));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Whether the fill yields to the server's requests (not in a command-line tool). */
let yielding = true;

async function whenCalm(): Promise<void> {
  while (yielding && (underPressure() || scanning()) && !fills.stopped) await pause(PAUSE_MS);
}

type Queued = { id: number; date: number; path: string; hash: string };

/** Renders up to `limit` queued posts, newest first; how many it took off the queue. */
async function renderSome(index: ContentIndex, limit: number): Promise<number> {
  const queued = cached(
    index.db,
    `SELECT q.id, q.date, p.path, p.body_hash AS hash FROM render_queue q JOIN posts p ON p.id = q.id
       ORDER BY q.date DESC LIMIT ?`,
  ).all(limit) as Queued[];
  for (const q of queued) {
    await whenCalm();
    if (fills.stopped) break;
    const task = {
      contentDir: index.contentDir,
      timeZone: index.timeZone,
      dbFile: index.db.name,
      id: q.id,
      path: q.path,
      hash: q.hash,
    };
    // A command-line tool judges each body as a reader's request would (full priority, the
    // real budget); the server renders behind its readers.
    const result = yielding
      ? await renderAheadInWorker(task)
      : await renderInWorker({ ...task, storeFirst: true });
    // Not stored (a file changed since it was indexed, which the next scan takes in): off the
    // queue all the same, so the fill goes on.
    if (result.kind !== 'done') {
      cached(index.db, 'DELETE FROM render_queue WHERE date = ? AND id = ?').run(q.date, q.id);
    }
  }
  return queued.length;
}

/**
 * Makes every queued text, newest first: one thread makes a batch (reads, parses) while the
 * other writes the previous one (the full-text insert); how many it made.
 */
async function textAll(index: ContentIndex): Promise<number> {
  const src = {
    dbFile: index.db.name,
    contentDir: index.contentDir,
    timeZone: index.timeZone,
    aliasZones: index.aliasZones,
  };
  let cursor: Cursor = null;
  let writing: Promise<void> | null = null;
  let made = 0;
  try {
    while (!fills.stopped) {
      await whenCalm();
      const batch: Awaited<ReturnType<typeof makeTextInWorker>> = await makeTextInWorker({
        ...src,
        limit: TEXT_BATCH,
        cursor,
      });
      if (batch.made.length === 0) break;
      cursor = batch.cursor;
      made += batch.made.length;
      await writing;
      // A publish goes first: the write lock is its own while it scans.
      await whenCalm();
      writing = writeTextInWorker({ dbFile: src.dbFile, made: batch.made });
    }
  } finally {
    await writing;
  }
  return made;
}

function queued(index: ContentIndex, table: 'text_queue' | 'render_queue'): number {
  return cached(index.db, `SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
}

async function fill(index: ContentIndex): Promise<void> {
  const started = performance.now();
  const texts = queued(index, 'text_queue');
  const renders = queued(index, 'render_queue');
  if (texts + renders > 100) {
    console.warn(
      `[fill] in the background: the text and search entry of ${texts} post(s), the render of ${renders}`,
    );
  }
  let rendered = 0;
  while (rendered < RENDER_FIRST && !fills.stopped) {
    const n = await renderSome(index, RENDER_BATCH);
    if (n === 0) break;
    rendered += n;
  }
  // Until a pass finds none (a publish may queue more meanwhile).
  while (!fills.stopped && (await textAll(index)) > 0);
  const textSeconds = ((performance.now() - started) / 1000).toFixed(1);
  if (texts > 100) console.warn(`[fill] search complete: ${texts} post(s) in ${textSeconds} s`);
  while (!fills.stopped && (await renderSome(index, RENDER_BATCH)) > 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (renders > 100) console.warn(`[fill] renders complete: ${renders} post(s) in ${seconds} s`);
}

/**
 * Works through the index's queues in the background (one fill per index file at a time; a
 * call while one runs makes it look again when done). Resolves when both are empty.
 */
export function startFill(index: ContentIndex): Promise<void> {
  const key = index.db.name;
  const running = fills.running.get(key);
  if (running) {
    fills.again.add(key);
    return running;
  }
  fills.stopped = false;
  const run = (async () => {
    do {
      fills.again.delete(key);
      await fill(index);
    } while (fills.again.has(key) && !fills.stopped);
  })()
    .catch((error: unknown) => console.error('[fill] background fill failed:', error))
    .finally(() => fills.running.delete(key));
  fills.running.set(key, run);
  return run;
}

/**
 * Works through the queues now, without yielding (the editors' checker, the benchmark's cold
 * index): `texts` only, or renders too.
 */
export async function completeFill(index: ContentIndex, what: 'texts' | 'all'): Promise<void> {
  yielding = false;
  try {
    while ((await textAll(index)) > 0);
    if (what === 'all') while ((await renderSome(index, RENDER_BATCH)) > 0);
  } finally {
    yielding = true;
  }
}

/** Stops the fill after the batch in hand (SIGTERM, tests); it resumes from the queues. */
export function stopFill(): void {
  fills.stopped = true;
}
