// Hot pages: a document Next has just answered from its page cache is kept, as sent, for a
// couple of seconds, and the next readers of that URL get it straight from the HTTP server,
// before Next's routing, rendering pipeline and ETag hashing run again (~1 ms of the one thread
// each). A page many read at once (a story everyone shares, home) costs Next one answer every
// HOT_PAGE_MS; what nginx's micro-cache does in front of a deployment, for a server without it.
// Only what any reader would get is kept: a 200 HTML document Next served from its cache (HIT),
// asked for without cookies, query, range or the client router's headers. Publishing empties it
// (lib/publish/webhook.ts), so a published post is never hidden by it; a response that was in
// flight while a publish ran is not kept, nor is any for HOT_PAGE_MS after it.
import 'server-only';

import type http from 'node:http';

import { LRUCache } from 'lru-cache';

import { processWide } from '@/lib/process-wide';

/** How long a page stays hot, in ms (0: never kept). */
export const HOT_PAGE_MS = Number(process.env.HOT_PAGE_MS ?? 2_000);
/** Bytes of hot pages kept at most, and of one page. */
const HOT_PAGE_BYTES = 16 * 1024 * 1024;
const HOT_PAGE_MAX = 1024 * 1024;

/** Hop-by-hop headers, and those the server writes itself for each answer. */
const NOT_REPLAYED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'date',
  'content-length',
]);

type HotPage = {
  headers: [string, string | string[]][];
  body: Buffer;
  etag: string | undefined;
};

type Hot = {
  pages: LRUCache<string, HotPage>;
  generation: number;
  /** Until then nothing is kept: Next applies a publish's revalidations after its answer. */
  quietUntil: number;
  served: number;
};

const hot = processWide<Hot>('hot-pages', () => ({
  pages: new LRUCache<string, HotPage>({
    maxSize: HOT_PAGE_BYTES,
    sizeCalculation: (page) => page.body.length + 512,
    ttl: Math.max(1, HOT_PAGE_MS),
    ttlAutopurge: false,
  }),
  generation: 0,
  quietUntil: 0,
  served: 0,
}));

/** The key of a request that any reader could have made, or null when it is not such a one. */
function keyOf(req: http.IncomingMessage): string | null {
  if (HOT_PAGE_MS <= 0) return null;
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '';
  if (!url.startsWith('/') || url.includes('?')) return null;
  const h = req.headers;
  if (h.cookie !== undefined || h.authorization !== undefined || h.range !== undefined) {
    return null;
  }
  // The client router's requests (RSC payloads, prefetches) vary by these headers.
  for (const name of Object.keys(h)) {
    if (name === 'rsc' || name.startsWith('next-')) return null;
  }
  // The body is kept as sent: compressed or not, as this Accept-Encoding made Next send it.
  return `${h['accept-encoding'] ?? ''}\n${url}`;
}

/** Answers a request from the hot pages: true when it was answered. */
export function serveHot(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const key = keyOf(req);
  const page = key === null ? undefined : hot.pages.get(key);
  if (!page) return false;
  hot.served++;
  const notModified = page.etag !== undefined && req.headers['if-none-match'] === page.etag;
  for (const [name, value] of page.headers) res.setHeader(name, value);
  if (notModified) {
    res.statusCode = 304;
    res.removeHeader('content-type');
    res.end();
    return true;
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', page.body.length);
  res.end(req.method === 'HEAD' ? undefined : page.body);
  return true;
}

/**
 * Watches a request Next is about to answer: when the answer is a cached page any reader would
 * get, keeps it. Costs one array of the chunks' references while it is sent.
 */
export function watchForHot(req: http.IncomingMessage, res: http.ServerResponse): void {
  const key = req.method === 'GET' ? keyOf(req) : null;
  if (key === null) return;
  const generation = hot.generation;
  const chunks: Buffer[] = [];
  let bytes = 0;
  let keep = true;
  const collect = (chunk: unknown, encoding: unknown) => {
    if (!keep || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
            : null;
    if (!buffer) {
      keep = false;
      return;
    }
    bytes += buffer.length;
    if (bytes > HOT_PAGE_MAX) keep = false;
    else chunks.push(buffer);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    if (keep) keepIfHot(key, res, Buffer.concat(chunks, bytes), generation);
    return (end as (...a: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
}

function keepIfHot(key: string, res: http.ServerResponse, body: Buffer, generation: number) {
  if (generation !== hot.generation || res.statusCode !== 200) return;
  if (Date.now() < hot.quietUntil) return;
  if (res.getHeader('x-nextjs-cache') !== 'HIT' || res.getHeader('set-cookie') !== undefined) {
    return;
  }
  if (!String(res.getHeader('content-type') ?? '').startsWith('text/html')) return;
  const length = res.getHeader('content-length');
  if (length !== undefined && Number(length) !== body.length) return;
  const headers: HotPage['headers'] = [];
  // Names as Next wrote them (`ETag`, not `etag`): some clients are not as lenient as HTTP.
  const raw = res as unknown as { getRawHeaderNames(): string[] }; // Node ≥ 15.13; not typed here
  for (const name of raw.getRawHeaderNames()) {
    const value = res.getHeader(name);
    if (value === undefined || NOT_REPLAYED.has(name.toLowerCase())) continue;
    headers.push([name, typeof value === 'number' ? String(value) : value]);
  }
  const etag = res.getHeader('etag');
  hot.pages.set(key, { headers, body, etag: typeof etag === 'string' ? etag : undefined });
}

/**
 * Forgets every hot page: something was published, any page may have changed. For HOT_PAGE_MS
 * after, no page is kept: Next applies the revalidations of a publish after its answer is sent
 * (`pendingWaitUntil`), and a page it still answers from before them must not be kept.
 */
export function forgetHotPages(): void {
  hot.generation++;
  hot.quietUntil = Date.now() + HOT_PAGE_MS;
  hot.pages.clear();
}

/** Hot pages kept now, and answers given from them since the server started. */
export function hotPagesState() {
  return { pages: hot.pages.size, bytes: hot.pages.calculatedSize, served: hot.served };
}
