// Worker threads for everything that reads post files or can stall a server (piscina): scans
// (one thread, `index`), rendering bodies (the render lanes, with a time budget: a reader's
// render first, a render ahead of readers when no reader waits), and the background fill of
// texts (two threads below the server's in priority). The workers run the bundle scripts/build-workers.mjs makes of
// lib/workers/content-worker.ts.
import 'server-only';

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Piscina } from 'piscina';

import type { BulkReport, Changes } from '@/lib/content/bulk';
import type { Cursor, FillSource, MadeText } from '@/lib/content/fill-work';
import type { RenderResult } from '@/lib/content/render-store';
import type { NamedReport } from '@/lib/content/scan-named';
import { processWide } from '@/lib/process-wide';
import type { Preview, PreviewTask, RenderTask, ScanTask } from '@/lib/workers/content-worker';

/** Longest a body may take to render, in ms, counted from the moment a thread takes it. */
export const RENDER_BUDGET_MS = Number(process.env.RENDER_BUDGET_MS || 5_000);
/** RENDER_THREADS=1 keeps one render thread only: no spare for slow bodies. */
const SPARE = Number(process.env.RENDER_THREADS || Math.min(2, os.availableParallelism())) > 1;

function workerFile(): string {
  const file = path.resolve(
    /*turbopackIgnore: true*/ process.cwd(),
    '.next-workers',
    'content-worker.cjs',
  );
  if (!fs.existsSync(file)) {
    throw new Error(
      `${file} is missing: the worker threads' bundle is made by \`node scripts/build-workers.mjs\`, which \`npm run build\` runs first`,
    );
  }
  return file;
}

/** Heap a render thread may use, in MB: past it the thread is stopped and the body is over limit. */
export const RENDER_HEAP_MB = Number(process.env.RENDER_HEAP_MB || 256);
/** How long the main render thread works on one body before the spare may take the next. */
const OVERFLOW_MS = 100;

/** One render thread: its pool, whether it is rendering now and since when, and its start-up. */
type Lane = { pool: Piscina | null; busy: boolean; since: number; warm: Promise<unknown> | null };

type Pools = {
  main: Lane;
  /** Started only while the main thread is held up by a slow body; leaves when idle. */
  spare: Lane;
  index: Piscina | null;
  texts: Piscina | null;
  textWriter: Piscina | null;
  waiting: ((lane: Lane) => void)[];
  /** Renders ahead of readers (the background fill), waiting for a lane no reader wants. */
  waitingAhead: ((lane: Lane) => void)[];
};
const lane = (): Lane => ({ pool: null, busy: false, since: 0, warm: null });
/** No thread started yet. */
const none = (): Omit<Pools, 'waiting' | 'waitingAhead'> => ({
  main: lane(),
  spare: lane(),
  index: null,
  texts: null,
  textWriter: null,
});
const pools = processWide<Pools>('workerPools', () => ({
  ...none(),
  waiting: [],
  waitingAhead: [],
}));

// `atomics: 'disabled'`: between tasks a thread returns to its event loop. With piscina's
// default a thread sleeps in Atomics.wait instead, so the work of a task never ends, and jsdom's
// weakly held documents (kept until the job ends) pile up: ~90 KB a render, without end.
function renderPool(which: Lane): Piscina {
  if (which.pool) return which.pool;
  const spare = which === pools.spare;
  const pool = new Piscina({
    filename: workerFile(),
    name: 'render',
    atomics: 'disabled',
    minThreads: spare ? 0 : 1,
    maxThreads: 1,
    idleTimeout: spare ? 10_000 : 60_000,
    // A small young generation: renders allocate briefly, and each thread's heap is RSS.
    resourceLimits: { maxOldGenerationSizeMb: RENDER_HEAP_MB, maxYoungGenerationSizeMb: 8 },
  });
  // A thread that left (idle, stopped over budget) must load again before a budget starts.
  pool.on('workerDestroy', () => {
    which.warm = null;
  });
  which.pool = pool;
  return pool;
}

/** A lane's thread, loaded: a budget never pays for a thread's start-up (jsdom takes a while). */
function warmUp(which: Lane): Promise<unknown> {
  which.warm ??= renderPool(which)
    .run({}, { name: 'warm' })
    .catch(() => {
      which.warm = null;
    });
  return which.warm;
}

/**
 * The scans' thread: one at a time (lib/content/scan.ts queues them). Its heap may grow for a
 * bulk scan (the paths a check has seen); it leaves when idle.
 */
function indexPool(): Piscina {
  pools.index ??= new Piscina({
    filename: workerFile(),
    name: 'scanFiles',
    atomics: 'disabled',
    // No thread kept waiting: piscina keeps `minThreads` alive whatever their idle time.
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 10_000,
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  return pools.index;
}

/** The lane a render may take now: the main thread, else the spare while the main is held up. */
function freeLane(): Lane | null {
  const { main, spare } = pools;
  if (!main.busy) return main;
  if (SPARE && !spare.busy && Date.now() - main.since >= OVERFLOW_MS) return spare;
  return null;
}

/**
 * Hands free lanes to waiting renders, first come first served: a reader's first, the background
 * fill's only when no reader waits, and only the main lane (it never starts the spare).
 */
function admit() {
  for (let free = freeLane(); free; free = freeLane()) {
    const next =
      pools.waiting.shift() ?? (free === pools.main ? pools.waitingAhead.shift() : undefined);
    if (!next) return;
    free.busy = true;
    free.since = Date.now();
    next(free);
  }
}

/**
 * Runs a render when a thread is free for it, so its budget starts when its work does. Bodies
 * render one at a time on one thread (each thread is jsdom's ~80 MB); while one runs past
 * OVERFLOW_MS, the next ones go to a spare thread (started at that moment), so a slow body holds
 * the others up for a fraction of a second, not for its whole budget.
 */
async function slot<T>(job: (which: Lane) => Promise<T>, ahead = false): Promise<T> {
  const which = await new Promise<Lane>((resolve) => {
    (ahead ? pools.waitingAhead : pools.waiting).push(resolve);
    admit();
  });
  const overflow =
    which === pools.main && !ahead
      ? setTimeout(() => {
          if (SPARE) void warmUp(pools.spare);
          admit();
        }, OVERFLOW_MS)
      : undefined;
  try {
    await warmUp(which);
    return await job(which);
  } finally {
    clearTimeout(overflow);
    which.busy = false;
    admit();
  }
}

export type Budgeted<T> = { ok: true; result: T } | { ok: false; limit: string };

/**
 * An error a task sent as a plain object (content-worker.ts: a SqliteError's message and stack
 * do not cross threads otherwise) made an Error again, with its code, for logs and callers.
 */
function revived(error: unknown): never {
  if (error && typeof error === 'object' && !(error instanceof Error) && 'message' in error) {
    const sent = error as { name?: string; message: string; code?: string; stack?: string };
    const again = Object.assign(new Error(sent.message), { code: sent.code });
    again.name = sent.name ?? 'Error';
    if (sent.stack) again.stack = sent.stack;
    throw again;
  }
  throw error;
}

/** Runs a render on `run` with the time budget: the limit it went over when it was stopped. */
async function budgeted<T>(
  run: (signal: AbortSignal) => Promise<T>,
  onStopped: () => void,
  budgetMs = RENDER_BUDGET_MS,
): Promise<Budgeted<T>> {
  // Not AbortSignal.timeout: its timer cannot be cancelled, and it holds the request's async
  // context (Next's render state, the response) for the whole budget after a render is done.
  const budget = new AbortController();
  const { signal } = budget;
  const timer = setTimeout(() => budget.abort(), budgetMs);
  try {
    return { ok: true, result: await run(signal) };
  } catch (error) {
    const oom = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    if (!signal.aborted && !oom) throw error;
    // The thread was stopped: the next render on it waits for a new one to load.
    onStopped();
    return {
      ok: false,
      limit: oom
        ? `rendering needed over RENDER_HEAP_MB=${RENDER_HEAP_MB} MB`
        : `rendering took over RENDER_BUDGET_MS=${RENDER_BUDGET_MS} ms`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Renders a post a reader asks for on a render lane (and stores it in the index when the task
 * names one); a body over the budget comes back as its stand-in, made on the scans' thread.
 */
export async function renderInWorker(task: RenderTask): Promise<RenderResult> {
  const outcome = await slot((which) =>
    budgeted(
      (signal) =>
        renderPool(which)
          .run(task, { name: 'render', signal })
          .catch(revived) as Promise<RenderResult>,
      () => {
        which.warm = null;
      },
    ),
  );
  if (outcome.ok) return outcome.result;
  return indexPool()
    .run({ ...task, overBudget: outcome.limit }, { name: 'render' })
    .catch(revived) as Promise<RenderResult>;
}

/** An editor's preview, rendered on a render lane within the budget (null: no such post). */
export async function previewInWorker(task: PreviewTask): Promise<Preview> {
  const outcome = await slot((which) =>
    budgeted(
      (signal) =>
        renderPool(which).run(task, { name: 'preview', signal }).catch(revived) as Promise<Preview>,
      () => {
        which.warm = null;
      },
    ),
  );
  if (!outcome.ok) throw new Error(`preview of ${task.path}: ${outcome.limit}`);
  return outcome.result;
}

/**
 * Renders a queued post ahead of readers and stores it: on the render thread readers use (no
 * second renderer in memory), whenever no reader's render waits for it, within the same budget.
 */
export async function renderAheadInWorker(task: RenderTask): Promise<RenderResult> {
  const outcome = await slot(
    (which) =>
      budgeted(
        (signal) =>
          renderPool(which)
            .run({ ...task, behind: true }, { name: 'render', signal })
            .catch(revived) as Promise<RenderResult>,
        () => {
          which.warm = null;
        },
      ),
    true,
  );
  if (outcome.ok) return outcome.result;
  return indexPool()
    .run({ ...task, overBudget: outcome.limit }, { name: 'render' })
    .catch(revived) as Promise<RenderResult>;
}

/**
 * The texts' threads (niced, no renderer): one makes a batch (reads, parses) while the other
 * writes the last one (the full-text insert, holding the index's write lock).
 */
function textPool(which: 'make' | 'write'): Piscina {
  const made = () =>
    new Piscina({
      filename: workerFile(),
      name: 'makeText',
      atomics: 'disabled',
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 10_000,
    });
  if (which === 'make') return (pools.texts ??= made());
  return (pools.textWriter ??= made());
}

type Made = { made: MadeText[]; cursor: Cursor };

/** Makes the text of up to `limit` queued posts after `cursor` (nothing written yet). */
export function makeTextInWorker(
  task: FillSource & { dbFile: string; limit: number; cursor: Cursor },
): Promise<Made> {
  return textPool('make').run(task, { name: 'makeText' }).catch(revived) as Promise<Made>;
}

/** Writes made texts into the index (their search entries). */
export function writeTextInWorker(task: { dbFile: string; made: MadeText[] }): Promise<void> {
  return textPool('write').run(task, { name: 'writeText' }).catch(revived) as Promise<void>;
}

export function scanFilesInWorker(task: ScanTask & { files: string[] }): Promise<NamedReport> {
  return indexPool().run(task, { name: 'scanFiles' }).catch(revived) as Promise<NamedReport>;
}

export function bulkScanInWorker(task: ScanTask): Promise<BulkReport> {
  return indexPool().run(task, { name: 'scanAll' }).catch(revived) as Promise<BulkReport>;
}

export function newestFilesInWorker(task: {
  contentDir: string;
  limit: number;
}): Promise<{ total: number; newest: string[] }> {
  return indexPool().run(task, { name: 'newest' }).catch(revived) as Promise<{
    total: number;
    newest: string[];
  }>;
}

export function findChangesInWorker(task: {
  dbFile: string;
  contentDir: string;
}): Promise<Changes> {
  return indexPool().run(task, { name: 'changes' }).catch(revived) as Promise<Changes>;
}

/** Stops every thread (tests, shutdown). */
export async function closeWorkers(): Promise<void> {
  const { main, spare, index, texts, textWriter } = pools;
  const running = [main.pool, spare.pool, index, texts, textWriter];
  Object.assign(pools, none());
  await Promise.all(running.map((pool) => pool?.destroy()));
}
