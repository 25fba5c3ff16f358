// Sanitized bodies by post version: rendered once in a worker thread (lib/workers/pool.ts),
// then kept in an LRU cache bounded in bytes (RENDER_CACHE_BYTES). A body over its limits is
// kept as its plain-text stand-in and logged once as `file:line`. Concurrent requests for one
// version share one render.
import 'server-only';

import crypto from 'node:crypto';

import { LRUCache } from 'lru-cache';

import { processWide } from '@/lib/process-wide';
import type { RenderedPost } from '@/lib/render';
import { plainTextBody } from '@/lib/render-fallback';
import type { Post } from '@/lib/types';
import { renderInWorker } from '@/lib/workers/pool';

/** Bytes of rendered HTML and text kept in memory (UTF-16: two bytes a character). */
export const RENDER_CACHE_BYTES = Number(process.env.RENDER_CACHE_BYTES || 16 * 1024 * 1024);

export type Rendering = {
  body: RenderedPost;
  /** The limit the body went over when it is shown as plain text, else null. */
  overLimit: string | null;
};

type State = {
  done: LRUCache<string, Rendering>;
  running: Map<string, Promise<Rendering>>;
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

type Renderable = Pick<Post, 'path' | 'body' | 'format' | 'bodyLine'>;

async function render(post: Renderable, key: string): Promise<Rendering> {
  const outcome = await renderInWorker({ body: post.body, format: post.format });
  if (outcome.ok) return { body: outcome.rendered, overLimit: null };
  if (!state.logged.has(key)) {
    state.logged.set(key, true);
    console.warn(`[render] ${post.path}:${post.bodyLine}: shown as plain text: ${outcome.limit}`);
  }
  return { body: plainTextBody(post.body), overLimit: outcome.limit };
}

/** The post's body, sanitized (or as plain text when it is over its limits). */
export function renderedBody(post: Renderable): Promise<Rendering> {
  const hash = crypto.createHash('sha1').update(post.body).digest('base64');
  const key = `${post.path}\0${post.format}\0${hash}`;
  const done = state.done.get(key);
  if (done) return Promise.resolve(done);
  let running = state.running.get(key);
  if (!running) {
    running = render(post, key)
      .then((rendering) => {
        state.done.set(key, rendering);
        return rendering;
      })
      .finally(() => state.running.delete(key));
    state.running.set(key, running);
  }
  return running;
}
