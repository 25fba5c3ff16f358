// Worker threads for the work that can stall a server (piscina): rendering bodies, with a time
// budget and a size cap, and parsing files for large scans. The workers run the bundle
// scripts/build-workers.mjs makes of lib/workers/content-worker.ts.
import 'server-only';

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Piscina } from 'piscina';

import { processWide } from '@/lib/process-wide';
import type { RenderedPost } from '@/lib/render';
import type { IndexedResult } from '@/lib/types';
import type { ParseTask, RenderTask, SearchTask } from '@/lib/workers/content-worker';

/** Longest a body may take to render, in ms, counted from the moment a thread takes it. */
export const RENDER_BUDGET_MS = Number(process.env.RENDER_BUDGET_MS || 5_000);
/** Largest body rendered, in bytes (UTF-8); a larger one is shown as plain text. */
export const RENDER_MAX_BYTES = Number(process.env.RENDER_MAX_BYTES || 4 * 1024 * 1024);
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
  parse: Piscina | null;
  waiting: ((lane: Lane) => void)[];
};
const lane = (): Lane => ({ pool: null, busy: false, since: 0, warm: null });
const pools = processWide<Pools>('workerPools', () => ({
  main: lane(),
  spare: lane(),
  parse: null,
  waiting: [],
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
    .run({}, { name: 'memory' })
    .catch(() => {
      which.warm = null;
    });
  return which.warm;
}

function parsePool(): Piscina {
  pools.parse ??= new Piscina({
    filename: workerFile(),
    name: 'parse',
    atomics: 'disabled',
    maxThreads: Math.min(2, os.availableParallelism()),
    idleTimeout: 5_000,
  });
  return pools.parse;
}

/** The lane a render may take now: the main thread, else the spare while the main is held up. */
function freeLane(): Lane | null {
  const { main, spare } = pools;
  if (!main.busy) return main;
  if (SPARE && !spare.busy && Date.now() - main.since >= OVERFLOW_MS) return spare;
  return null;
}

/** Hands free lanes to waiting renders, first come first served. */
function admit() {
  for (let free = freeLane(); free && pools.waiting.length > 0; free = freeLane()) {
    free.busy = true;
    free.since = Date.now();
    pools.waiting.shift()?.(free);
  }
}

/**
 * Runs a render when a thread is free for it, so its budget starts when its work does. Bodies
 * render one at a time on one thread (each thread is jsdom's ~80 MB); while one runs past
 * OVERFLOW_MS, the next ones go to a spare thread (started at that moment), so a slow body holds
 * the others up for a fraction of a second, not for its whole budget.
 */
async function slot<T>(job: (which: Lane) => Promise<T>): Promise<T> {
  const which = await new Promise<Lane>((resolve) => {
    pools.waiting.push(resolve);
    admit();
  });
  const overflow =
    which === pools.main
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

export type RenderOutcome = { ok: true; rendered: RenderedPost } | { ok: false; limit: string };

/** Renders a body in a worker thread, or says which limit it went over. */
export async function renderInWorker(task: RenderTask): Promise<RenderOutcome> {
  const bytes = Buffer.byteLength(task.body);
  if (bytes > RENDER_MAX_BYTES) {
    return {
      ok: false,
      limit: `the body is ${bytes} bytes, over RENDER_MAX_BYTES=${RENDER_MAX_BYTES}`,
    };
  }
  return slot(async (which) => {
    // Not AbortSignal.timeout: its timer cannot be cancelled, and it holds the request's async
    // context (Next's render state, the response) for the whole budget after a render is done.
    const budget = new AbortController();
    const { signal } = budget;
    const timer = setTimeout(() => budget.abort(), RENDER_BUDGET_MS);
    try {
      return {
        ok: true,
        rendered: (await renderPool(which).run(task, { signal })) as RenderedPost,
      };
    } catch (error) {
      const oom = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (!signal.aborted && !oom) throw error;
      // The thread was stopped: the next render on this lane waits for a new one to load.
      which.warm = null;
      return {
        ok: false,
        limit: oom
          ? `rendering needed over RENDER_HEAP_MB=${RENDER_HEAP_MB} MB`
          : `rendering took over RENDER_BUDGET_MS=${RENDER_BUDGET_MS} ms`,
      };
    } finally {
      clearTimeout(timer);
    }
  });
}

/** Reads and parses files in worker threads, a batch per task. */
export async function parseInWorkers(task: ParseTask, batch = 500): Promise<IndexedResult[]> {
  const batches: string[][] = [];
  for (let i = 0; i < task.files.length; i += batch) batches.push(task.files.slice(i, i + batch));
  const results = await Promise.all(
    batches.map((files) => parsePool().run({ ...task, files }) as Promise<IndexedResult[]>),
  );
  return results.flat();
}

/** Indexes a batch of queued posts for search in a worker thread; how many are still queued. */
export function indexSearchInWorker(task: SearchTask): Promise<number> {
  return parsePool().run(task, { name: 'indexSearch' }) as Promise<number>;
}

/** Stops every thread (tests, shutdown). */
export async function closeWorkers(): Promise<void> {
  const running = [pools.main.pool, pools.spare.pool, pools.parse];
  Object.assign(pools, { main: lane(), spare: lane(), parse: null });
  await Promise.all(running.map((pool) => pool?.destroy()));
}
