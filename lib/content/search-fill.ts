// Filling the full-text index in the background: a worker thread indexes the queued posts a
// batch at a time (each batch a short write transaction, so publishing is never held up for
// long), while lists, articles and search of what is indexed already keep serving.
import 'server-only';

import type { ContentIndex } from '@/lib/content/db';
import { searchBacklog } from '@/lib/content/search-schema';
import { processWide } from '@/lib/process-wide';
import { indexSearchInWorker } from '@/lib/workers/pool';

const BATCH = 250;

const filling = processWide('searchFill', () => new Map<string, Promise<void>>());

async function fill(index: ContentIndex): Promise<void> {
  const started = performance.now();
  const { pending, posts } = searchBacklog(index.db);
  console.warn(`[search] indexing ${pending} of ${posts} posts for search in the background`);
  for (let left = pending; left > 0;)
    left = await indexSearchInWorker({ dbFile: index.db.name, limit: BATCH });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.warn(`[search] full-text index complete: ${pending} posts in ${seconds} s`);
}

/**
 * Brings the full-text index up to date in the background (one fill per index file at a time;
 * scans index a small backlog themselves). Resolves when the backlog is empty.
 */
export function updateSearch(index: ContentIndex): Promise<void> {
  if (searchBacklog(index.db).pending === 0) return Promise.resolve();
  let running = filling.get(index.db.name);
  if (!running) {
    running = fill(index)
      .catch((error: unknown) => console.error('[search] background indexing failed:', error))
      .finally(() => filling.delete(index.db.name));
    filling.set(index.db.name, running);
  }
  return running;
}
