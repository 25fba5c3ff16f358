// Next's ISR cache for one instance or many (next.config.mjs `cacheHandler`). Plain JavaScript:
// Next loads it by path, outside its bundles.
//
// Without REDIS_URL it is Next's own file-system cache, unchanged. With REDIS_URL (several
// instances) every page lives in Redis through @fortedigital/nextjs-cache-handler, shared by
// all instances, and each instance also keeps its own file-system copy: when Redis is down or
// slower than REDIS_TIMEOUT_MS, an instance serves from that copy instead of waiting. A miss
// in a healthy Redis is a miss (never an older local copy another instance has revalidated).
// The Redis connection is the one lib/redis.ts opens at start (found on globalThis).
import { CacheHandler as SharedHandler } from '@fortedigital/nextjs-cache-handler';
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings';
import FileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';

const FileSystemCache = FileSystemCacheModule.default ?? FileSystemCacheModule;
const TIMEOUT_MS = Number(process.env.REDIS_TIMEOUT_MS || 100);
const CONNECTION = Symbol.for('finews.redis');
/** The connection lib/redis.ts opened, when it is usable now. */
const connection = () => globalThis[CONNECTION];
const usable = () => {
  const c = connection();
  return Boolean(c?.client?.isReady) && Date.now() >= (c?.openUntil ?? 0);
};

SharedHandler.onCreation(({ buildId }) => {
  const { client } = connection() ?? {};
  if (!client) return { handlers: [] };
  const prefix = `${process.env.REDIS_PREFIX || 'finews'}:isr:${buildId}:`;
  return {
    handlers: [createRedisHandler({ client, keyPrefix: prefix, timeoutMs: TIMEOUT_MS })],
    // Next marks a page stale after `revalidate`; Redis keeps it a day, so a stale page is
    // served while it is rendered again, as with the file-system cache.
    ttl: { estimateExpireAge: (staleAge) => Math.max(2 * staleAge, 24 * 60 * 60) },
  };
});

/**
 * `work` within `ms`. A reader's call that times out leaves Redis alone for a few seconds (as
 * lib/redis.ts does), so requests do not queue on a stalled Redis.
 */
async function bounded(work, ms = TIMEOUT_MS, reader = true) {
  let timer;
  try {
    return await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          if (reader) connection()?.trip(`no answer within ${ms} ms`);
          reject(new Error(`Redis gave no answer within ${ms} ms`));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Revalidating scans every shared page's tags: it may take longer, and no reader waits on it. */
const REVALIDATE_TIMEOUT_MS = 10_000;

export default class FinewsCacheHandler {
  constructor(ctx) {
    const shared =
      Boolean(process.env.REDIS_URL) && process.env.NEXT_PHASE !== 'phase-production-build';
    // With Redis the local copy is a fallback: Next's in-memory layer would only hold stale pages.
    this.local = new FileSystemCache({
      ...ctx,
      maxMemoryCacheSize: shared ? 0 : ctx.maxMemoryCacheSize,
    });
    this.shared = shared ? new SharedHandler(ctx) : null;
  }

  async get(key, ctx) {
    if (this.shared && usable()) {
      try {
        return await bounded(() => this.shared.get(key, ctx));
      } catch {
        // Redis failed this call: this instance's own copy below.
      }
    }
    return this.local.get(key, ctx);
  }

  async set(key, data, ctx) {
    await this.local.set(key, data, ctx);
    if (this.shared && usable())
      await bounded(() => this.shared.set(key, data, ctx)).catch(() => undefined);
  }

  async revalidateTag(tags, durations) {
    await this.local.revalidateTag(tags, durations);
    if (this.shared && usable()) {
      await bounded(
        () => this.shared.revalidateTag(tags, durations),
        REVALIDATE_TIMEOUT_MS,
        false,
      ).catch(() => undefined);
    }
  }

  resetRequestCache() {
    this.local.resetRequestCache?.();
    this.shared?.resetRequestCache?.();
  }
}
