// Shedding load instead of dying. Every request passes a gate before Next sees it: pages the
// server has answered from its cache before (Next's `x-nextjs-cache` header said so) always go
// through, as do static files and health; any other request is work, and while too much work
// is in flight, the event loop lags or the heap nears its cap, it is answered 503 with
// `Retry-After` at once, costing nothing. The server keeps answering what it has and recovers
// by itself; a search engine's crawler or a burst of old articles can no longer run it out of
// its heap. Counts are logged once a minute while it sheds and shown by /api/health.
import 'server-only';

import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';

import { LRUCache } from 'lru-cache';

import { forgetHotPages, serveHot, watchForHot } from '@/lib/hot-pages';
import { processWide } from '@/lib/process-wide';

/** Requests for pages not known to be cached that may be in flight at once. */
export const SHED_MAX_WORK = Number(process.env.SHED_MAX_WORK || 16);
/**
 * Event-loop delay (the mean of the last second: one long pause, a module loading, is not
 * overload; a loop late on every turn is) past which new work is refused.
 */
export const SHED_MAX_DELAY_MS = Number(process.env.SHED_MAX_DELAY_MS || 500);
/** Share of the heap's cap past which new work is refused. */
const SHED_MAX_HEAP = Number(process.env.SHED_MAX_HEAP || 0.85);
/** What a refused client is told to wait, in seconds. */
const RETRY_AFTER_S = 5;

/** The publishing endpoint (app/api/revalidate). */
const REVALIDATE_PATH = '/api/revalidate';

/** Paths that are never work: Next's static files, health, icons. */
const EXEMPT = /^\/(?:_next\/static\/|api\/health(?:$|\?)|favicon\.ico|icon|apple-icon|images\/)/;

type Gate = {
  installed: boolean;
  /** Pages answered from Next's cache, or rendered into it: asking again is cheap. */
  cached: LRUCache<string, true>;
  work: number;
  delayMs: number;
  heapShare: number;
  shed: number;
  shedSinceLog: number;
  maxWorkSinceLog: number;
  lastShedAt: number;
  timer: NodeJS.Timeout | null;
};

const gate = processWide<Gate>('shed', () => ({
  installed: false,
  cached: new LRUCache<string, true>({ max: 50_000 }),
  work: 0,
  delayMs: 0,
  heapShare: 0,
  shed: 0,
  shedSinceLog: 0,
  maxWorkSinceLog: 0,
  lastShedAt: 0,
  timer: null,
}));

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q < 0 ? raw : raw.slice(0, q);
}

/** Why new work would be refused now, or null. */
export function overloaded(): string | null {
  if (gate.work >= SHED_MAX_WORK) return `${gate.work} requests in work`;
  if (gate.delayMs > SHED_MAX_DELAY_MS) return `event loop ${Math.round(gate.delayMs)} ms late`;
  if (gate.heapShare > SHED_MAX_HEAP) return `heap ${Math.round(gate.heapShare * 100)}% full`;
  return null;
}

/** Whether background work should wait: requests are being worked on, or the loop lags. */
export function underPressure(): boolean {
  return gate.work >= 2 || gate.delayMs > 50 || gate.heapShare > SHED_MAX_HEAP;
}

const BUSY_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>服务繁忙</title></head><body><main><h1>服务繁忙</h1><p>访问的人太多，请 ${RETRY_AFTER_S} 秒后刷新重试。已缓存的页面仍可正常访问：<a href="/">返回首页</a></p></main></body></html>`;

function refuse(res: http.ServerResponse): void {
  gate.shed++;
  gate.shedSinceLog++;
  gate.lastShedAt = Date.now();
  res.writeHead(503, {
    'Retry-After': String(RETRY_AFTER_S),
    'Cache-Control': 'no-store',
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(BUSY_PAGE),
  });
  res.end(BUSY_PAGE);
}

/** Handles a request at the gate: true when it was refused, false when Next should serve it. */
function admit(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const path = pathOf(req.url);
  if (EXEMPT.test(path) || gate.cached.has(path)) return false;
  // Publishing is never refused: an editor's commit must go live however busy readers keep the
  // server (its scans run one at a time in a thread of their own, and it answers 401 at once
  // to anyone without the secret).
  if (path === REVALIDATE_PATH) return false;
  // A path with a trailing slash is only Next's redirect to the one without: no work.
  if (path.length > 1 && path.endsWith('/')) return false;
  if (overloaded()) {
    refuse(res);
    return true;
  }
  gate.work++;
  gate.maxWorkSinceLog = Math.max(gate.maxWorkSinceLog, gate.work);
  res.once('close', () => {
    gate.work--;
    // Next says whether the page is an ISR entry now (HIT, STALE, or MISS: rendered into it).
    if (res.getHeader('x-nextjs-cache') !== undefined && res.statusCode < 500) {
      gate.cached.set(path, true);
    }
  });
  return false;
}

function sample(histogram: ReturnType<typeof monitorEventLoopDelay>) {
  gate.delayMs = histogram.count > 0 ? histogram.mean / 1e6 : 0;
  histogram.reset();
  const heap = v8.getHeapStatistics();
  gate.heapShare = heap.used_heap_size / heap.heap_size_limit;
}

function logOncePerMinute() {
  if (gate.shedSinceLog === 0) return;
  console.warn(
    `[shed] answered ${gate.shedSinceLog} request(s) 503 in the last minute (work in flight up to ${gate.maxWorkSinceLog}, limit SHED_MAX_WORK=${SHED_MAX_WORK}; event loop ${Math.round(gate.delayMs)} ms late; heap ${Math.round(gate.heapShare * 100)}%)`,
  );
  gate.shedSinceLog = 0;
  gate.maxWorkSinceLog = gate.work;
}

/**
 * Puts the gate in front of every HTTP server of this process (Next's), once. It wraps
 * `Server.prototype.emit`: the gate sees a request before any listener does, whatever server
 * Next made (`next start` or the standalone server.js), and costs one lookup per request. A hot
 * page (lib/hot-pages.ts) is answered there, before Next.
 */
export function installGate(): void {
  if (gate.installed) return;
  gate.installed = true;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let ticks = 0;
  gate.timer = setInterval(() => {
    sample(histogram);
    if (++ticks % 60 === 0) logOncePerMinute();
  }, 1_000);
  gate.timer.unref();
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function gated(
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === 'request') {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (serveHot(req, res) || admit(req, res)) return true;
      watchForHot(req, res);
      // Publishing revalidates when its request ends: pages kept before that are forgotten.
      if (req.method === 'POST' && pathOf(req.url) === REVALIDATE_PATH) {
        res.once('finish', forgetHotPages);
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  };
}

export type ShedState = {
  /** Whether new work would be refused now, and why. */
  refusing: string | null;
  work: number;
  limit: number;
  eventLoopDelayMs: number;
  heapPercent: number;
  /** 503s answered since the server started, and when the last one was. */
  shed: number;
  lastShedAt: string | null;
};

export function shedState(): ShedState {
  return {
    refusing: overloaded(),
    work: gate.work,
    limit: SHED_MAX_WORK,
    eventLoopDelayMs: Math.round(gate.delayMs),
    heapPercent: Math.round(gate.heapShare * 100),
    shed: gate.shed,
    lastShedAt: gate.lastShedAt ? new Date(gate.lastShedAt).toISOString() : null,
  };
}
