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
const THREADS = Math.max(
  1,
  Number(process.env.RENDER_THREADS || Math.min(2, os.availableParallelism())),
);

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

/** How long a render runs before a second thread may take the next body (see `slot`). */
const OVERFLOW_MS = 100;

type Pools = {
  render: Piscina | null;
  parse: Piscina | null;
  /** Renders admitted and not finished, and how many of them have run past OVERFLOW_MS. */
  running: number;
  slow: number;
  waiting: (() => void)[];
  /** Resolves once the render threads a render may land on have loaded (jsdom takes a while). */
  warm: Promise<unknown> | null;
};
const pools = processWide<Pools>('workerPools', () => ({
  render: null,
  parse: null,
  running: 0,
  slow: 0,
  waiting: [],
  warm: null,
}));

/** Starts (or waits for) one more loaded thread; a budget never pays for a thread's start-up. */
function warmUp(another = false): Promise<unknown> {
  if (!pools.warm || another) {
    const loaded = renderPool()
      .run({}, { name: 'memory' })
      .catch(() => undefined);
    pools.warm = Promise.all([pools.warm, loaded]);
  }
  return pools.warm;
}

/** Heap a render thread may use, in MB: past it the thread is stopped and the body is over limit. */
export const RENDER_HEAP_MB = Number(process.env.RENDER_HEAP_MB || 256);

// `atomics: 'disabled'`: between tasks a thread returns to its event loop. With piscina's
// default a thread sleeps in Atomics.wait instead, so the work of a task never ends, and jsdom's
// weakly held documents (kept until the job ends) pile up: ~90 KB a render, without end.
function renderPool(): Piscina {
  // Threads stay up between renders (jsdom takes a while to load) and leave when idle.
  pools.render ??= new Piscina({
    filename: workerFile(),
    name: 'render',
    atomics: 'disabled',
    minThreads: 1,
    maxThreads: THREADS,
    idleTimeout: 15_000,
    // A small young generation: renders allocate briefly, and each thread's heap is RSS.
    resourceLimits: { maxOldGenerationSizeMb: RENDER_HEAP_MB, maxYoungGenerationSizeMb: 8 },
  });
  return pools.render;
}

function parsePool(): Piscina {
  pools.parse ??= new Piscina({
    filename: workerFile(),
    name: 'parse',
    atomics: 'disabled',
    maxThreads: THREADS,
    idleTimeout: 5_000,
  });
  return pools.parse;
}

/** Room for renders now: one thread, and one more per render that has been slow. */
const room = () => pools.running < Math.min(THREADS, 1 + pools.slow);

/** Admits waiting renders while there is room. */
function admit() {
  while (pools.waiting.length > 0 && room()) {
    pools.running++;
    pools.waiting.shift()?.();
  }
}

/**
 * Runs a render when a thread is free for it, so its budget starts when its work does. Bodies
 * render one at a time on one thread (each thread is jsdom's ~80 MB); a render that runs past
 * OVERFLOW_MS lets the next one start on a second thread (warmed up at that moment), so a slow
 * body holds the others up for a fraction of a second, not for its whole budget.
 */
async function slot<T>(job: () => Promise<T>): Promise<T> {
  if (pools.waiting.length === 0 && room()) pools.running++;
  else await new Promise<void>((resolve) => pools.waiting.push(resolve));
  let slow = false;
  const timer = setTimeout(() => {
    slow = true;
    pools.slow++;
    if (pools.waiting.length === 0 && THREADS > 1) {
      // Nobody waits yet: start the second thread now, so it is ready when somebody does.
      renderPool()
        .run({}, { name: 'memory' })
        .catch(() => {});
    }
    admit();
  }, OVERFLOW_MS);
  try {
    return await job();
  } finally {
    clearTimeout(timer);
    pools.running--;
    if (slow) pools.slow--;
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
  return slot(async () => {
    await warmUp();
    const signal = AbortSignal.timeout(RENDER_BUDGET_MS);
    try {
      return { ok: true, rendered: (await renderPool().run(task, { signal })) as RenderedPost };
    } catch (error) {
      const oom = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (!signal.aborted && !oom) throw error;
      // The thread was stopped: the next render waits for a new one to load.
      pools.warm = null;
      return {
        ok: false,
        limit: oom
          ? `rendering needed over RENDER_HEAP_MB=${RENDER_HEAP_MB} MB`
          : `rendering took over RENDER_BUDGET_MS=${RENDER_BUDGET_MS} ms`,
      };
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
  const { render, parse } = pools;
  pools.render = null;
  pools.parse = null;
  pools.warm = null;
  await Promise.all([render?.destroy(), parse?.destroy()]);
}
