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
 * GET `path` on a shared agent, reading and dropping the body: status (0 for a connection error
 * or no answer within `timeoutMs`) and wall time. For load loops that must not throw.
 */
export function quickGet(agent, base, path, timeoutMs = 60_000) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const done = (status) => resolve({ status, ms: performance.now() - t0 });
    const req = http.get(new URL(path, base), { agent }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode));
      res.on('error', () => done(0));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => done(0));
  });
}

/** Adds one status to a tally of 200 / 503 / other / connection errors. */
export function tally(counts, status) {
  const key =
    status === 200 ? 'ok' : status === 503 ? 'shed' : status === 0 ? 'connection' : 'other';
  counts[key] = (counts[key] ?? 0) + 1;
  if (key === 'other') counts.others[status] = (counts.others[status] ?? 0) + 1;
  return counts;
}
export const newTally = () => ({ ok: 0, shed: 0, other: 0, connection: 0, others: {} });

/**
 * Polls `path` until the server answers at all (any status), the process dies, or the timeout
 * passes. `exited` is the server's exit promise, so a crash fails fast instead of waiting.
 * With `status`, until it answers that status (a server still starting answers 503 or waits).
 */
export async function waitReady(base, path, { timeoutMs, exited, status = null }) {
  let dead = null;
  exited.then((r) => {
    dead = r;
  });
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < deadline) {
    if (dead)
      throw new Error(`server exited before it was ready (exit ${dead.code ?? dead.signal})`);
    try {
      const r = await timedGet(base, path, {
        timeoutMs: Math.min(timeoutMs, 120_000),
        useAgent: false,
      });
      if (status === null || r.status === status) return r;
      last = `answered ${r.status}`;
    } catch (error) {
      last = error.message;
    }
    await sleep(200);
  }
  throw new Error(`server not ready after ${timeoutMs / 1000} s (${last ?? 'no answer'})`);
}

/** Nearest-rank percentile of an unsorted list of numbers; null for an empty list. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
