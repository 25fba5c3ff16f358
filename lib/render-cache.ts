// A post's rendered body for a page: from a small memory cache (bounded in bytes,
// RENDER_CACHE_BYTES), else as the index stores it (lib/content/bodies.ts; rendered ahead in the
// background), else rendered now in a worker thread, which stores it for every later reader.
// The server's thread never reads a post file or holds a raw body. A body over its limits is
// its plain-text stand-in, logged once as `file:line`. Concurrent requests share one render.
import 'server-only';

import { LRUCache } from 'lru-cache';

import { storedRendering } from '@/lib/content/bodies';
import type { ContentIndex } from '@/lib/content/db';
import type { Rendering } from '@/lib/content/render-store';
import { processWide } from '@/lib/process-wide';
import { renderInWorker } from '@/lib/workers/pool';

export type { Rendering };

/** Bytes of rendered HTML and text kept in memory (UTF-16: two bytes a character). */
export const RENDER_CACHE_BYTES = Number(process.env.RENDER_CACHE_BYTES || 16 * 1024 * 1024);

type State = {
  done: LRUCache<string, Rendering>;
  running: Map<string, Promise<Rendering | null>>;
  logged: LRUCache<string, true>;
};

const state = processWide<State>('renderCache', () => ({
  done: new LRUCache<string, Rendering>({
    maxSize: RENDER_CACHE_BYTES,
    sizeCalculation: (r) => 2 * (r.body.html.length + r.body.text.length) + 256,
  }),
  running: new Map(),
  logged: new LRUCache<string, true>({ max: 10_000 }),
}));

/** What identifies an indexed post's body: its id, file, the line its body starts on, its hash. */
export type IndexedBody = { id: number; path: string; bodyLine: number; bodyHash: string };

function logOverLimit(key: string, post: IndexedBody, rendering: Rendering) {
  if (!rendering.overLimit || state.logged.has(key)) return;
  state.logged.set(key, true);
  console.warn(
    `[render] ${post.path}:${post.bodyLine}: shown as plain text: ${rendering.overLimit}`,
  );
}

async function render(index: ContentIndex, post: IndexedBody): Promise<Rendering | null> {
  const stored = storedRendering(index, post.id, post.bodyHash);
  if (stored) return stored;
  const task = {
    contentDir: index.contentDir,
    path: post.path,
    hash: post.bodyHash,
    timeZone: index.timeZone,
  };
  const result = await renderInWorker({ ...task, dbFile: index.db.name, id: post.id });
  return result.kind === 'done' ? result.rendering : null;
}

/**
 * The post's body, sanitized (or as plain text when it is over its limits); null when its file
 * is no longer the version the index holds (the next scan catches up).
 */
export function renderedBody(index: ContentIndex, post: IndexedBody): Promise<Rendering | null> {
  const key = `${post.id}\0${post.bodyHash}`;
  const done = state.done.get(key);
  if (done) return Promise.resolve(done);
  let running = state.running.get(key);
  if (!running) {
    running = render(index, post)
      .then((rendering) => {
        if (rendering) {
          logOverLimit(key, post, rendering);
          state.done.set(key, rendering);
        }
        return rendering;
      })
      .finally(() => state.running.delete(key));
    state.running.set(key, running);
  }
  return running;
}
