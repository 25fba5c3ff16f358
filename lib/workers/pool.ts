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
import type { ParseTask, RenderTask } from '@/lib/workers/content-worker';

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

type Pools = {
  render: Piscina | null;
  parse: Piscina | null;
  slots: number;
  waiting: (() => void)[];
};
const pools = processWide<Pools>('workerPools', () => ({
  render: null,
  parse: null,
  slots: THREADS,
  waiting: [],
}));

function renderPool(): Piscina {
  // Threads stay up between renders (jsdom takes a while to load) and leave when idle.
  pools.render ??= new Piscina({
    filename: workerFile(),
    name: 'render',
    minThreads: 1,
    maxThreads: THREADS,
    idleTimeout: 60_000,
  });
  return pools.render;
}

function parsePool(): Piscina {
  pools.parse ??= new Piscina({
    filename: workerFile(),
    name: 'parse',
    maxThreads: THREADS,
    idleTimeout: 5_000,
  });
  return pools.parse;
}

/** One render per thread at a time, queued here: a budget starts only when a thread is free. */
async function slot<T>(job: () => Promise<T>): Promise<T> {
  if (pools.slots === 0) await new Promise<void>((resolve) => pools.waiting.push(resolve));
  else pools.slots--;
  try {
    return await job();
  } finally {
    const next = pools.waiting.shift();
    if (next) next();
    else pools.slots++;
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
    const signal = AbortSignal.timeout(RENDER_BUDGET_MS);
    try {
      return { ok: true, rendered: (await renderPool().run(task, { signal })) as RenderedPost };
    } catch (error) {
      if (!signal.aborted) throw error;
      return { ok: false, limit: `rendering took over RENDER_BUDGET_MS=${RENDER_BUDGET_MS} ms` };
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

/** Stops every thread (tests, shutdown). */
export async function closeWorkers(): Promise<void> {
  const { render, parse } = pools;
  pools.render = null;
  pools.parse = null;
  await Promise.all([render?.destroy(), parse?.destroy()]);
}
