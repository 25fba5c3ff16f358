// HTTP side of the benchmark, loopback only: single timed requests and readiness polling (load
// comes from wrk: wrk.mjs).
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** One keep-alive connection reused across sequential requests, so latency excludes TCP setup. */
export const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * GET a path and read the whole body. Resolves with status, total and first-byte latency (ms),
 * body size, Next's cache header (and the body with `keepBody`); rejects on network errors or after `timeoutMs`.
 */
export function timedGet(
  base,
  path,
  { timeoutMs = 30_000, useAgent = true, keepBody = false } = {},
) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttfb = null;
    const req = http.get(new URL(path, base), { agent: useAgent ? agent : false }, (res) => {
      let bytes = 0;
      const chunks = [];
      res.on('data', (chunk) => {
        if (ttfb === null) ttfb = performance.now() - t0;
        bytes += chunk.length;
        if (keepBody) chunks.push(chunk);
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          ms: performance.now() - t0,
          ttfbMs: ttfb ?? performance.now() - t0,
          bytes,
          cache: res.headers['x-nextjs-cache'] ?? null,
          location: res.headers.location ?? null,
          body: keepBody ? Buffer.concat(chunks) : null,
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)),
    );
    req.on('error', reject);
  });
}

/**
 * Polls `path` until the server answers at all (any status), the process dies, or the timeout
 * passes. `exited` is the server's exit promise, so a crash fails fast instead of waiting.
 */
export async function waitReady(base, path, { timeoutMs, exited }) {
  let dead = null;
  exited.then((r) => {
    dead = r;
  });
  const deadline = Date.now() + timeoutMs;
  let lastError = null;
  while (Date.now() < deadline) {
    if (dead)
      throw new Error(`server exited before it was ready (exit ${dead.code ?? dead.signal})`);
    try {
      return await timedGet(base, path, { timeoutMs: 10_000, useAgent: false });
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  throw new Error(
    `server not ready after ${timeoutMs / 1000} s (${lastError?.message ?? 'no answer'})`,
  );
}

/** Nearest-rank percentile of an unsorted list of numbers; null for an empty list. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
