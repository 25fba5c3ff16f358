import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

process.env.HOT_PAGE_MS = '300';
const { installGate } = await import('@/lib/shed');
const { forgetHotPages, hotPagesState } = await import('@/lib/hot-pages');

/**
 * A stand-in for Next behind the gate: each answer names how many times Next answered, with the
 * headers Next sends for a page from its cache (`/miss/…` and `/stale/…` as their names say,
 * `/gone` a 404, `/held/…` waits to be released); POST /api/revalidate is publishing.
 */
let server: http.Server;
let base = '';
let answered = 0;
const held: (() => void)[] = [];

beforeAll(async () => {
  installGate();
  server = http.createServer((req, res) => {
    answered++;
    const version = answered;
    const send = () => {
      const url = req.url ?? '/';
      res.statusCode = url === '/gone' ? 404 : 200;
      const cache = url.startsWith('/miss/') ? 'MISS' : url.startsWith('/stale/') ? 'STALE' : 'HIT';
      res.setHeader('x-nextjs-cache', cache);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('ETag', `"v${version}"`);
      res.setHeader('Content-Security-Policy', "script-src 'self' 'sha256-abc'");
      if (url === '/cookie') res.setHeader('Set-Cookie', 'a=1');
      res.write('<!doctype html><title>页</title>');
      res.end(`<p>answer ${version} for ${url}</p>`);
    };
    if (req.method === 'POST') res.end('{}');
    else if (req.url?.startsWith('/held/')) held.push(send);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Each test starts with nothing kept, past the quiet time that follows a forget.
beforeEach(async () => {
  forgetHotPages();
  await sleep(320);
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers });
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    csp: response.headers.get('content-security-policy'),
    body: await response.text(),
  };
}

describe('hot pages in front of Next', () => {
  it('answers the next readers of a page from its cache with what Next sent, without Next', async () => {
    const first = await get('/a');
    const before = answered;
    const again = await get('/a');
    const third = await get('/a');
    expect(answered).toBe(before);
    expect(again).toEqual(first);
    expect(third.body).toBe(first.body);
    expect(first.body).toContain('<title>页</title>');
    expect(first.csp).toContain('sha256-abc');
    expect(hotPagesState().served).toBeGreaterThanOrEqual(2);
  });

  it('answers 304 to a reader who has the page, and HEAD without a body', async () => {
    const { etag } = await get('/b');
    const response = await fetch(`${base}/b`, { headers: { 'If-None-Match': etag! } });
    expect(response.status).toBe(304);
    const head = await fetch(`${base}/b`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('keeps nothing Next rendered or is regenerating, no error, no cookie, nothing personal', async () => {
    for (const [path, headers] of [
      ['/miss/1', {}],
      ['/stale/1', {}],
      ['/gone', {}],
      ['/cookie', {}],
      ['/c', { cookie: '__prerender_bypass=1' }],
      ['/c?x=1', {}],
      ['/c', { rsc: '1' }],
      ['/c', { 'next-router-prefetch': '1' }],
    ] as const) {
      const before = answered;
      await get(path, headers);
      await get(path, headers);
      expect(answered, `${path} ${JSON.stringify(headers)}`).toBe(before + 2);
    }
  });

  it('keeps a page apart for each Accept-Encoding (Next compresses for some)', async () => {
    await get('/d', { 'accept-encoding': 'identity' });
    const before = answered;
    await get('/d', { 'accept-encoding': 'gzip' });
    expect(answered).toBe(before + 1);
  });

  it('forgets every page when something is published, also one being sent meanwhile', async () => {
    await get('/e');
    const inFlight = get('/held/e');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const publish = await fetch(`${base}/api/revalidate`, { method: 'POST' });
    expect(publish.status).toBe(200);
    held.shift()!();
    const old = await inFlight;
    // Published: the next reader of either page gets Next's new answer.
    const before = answered;
    expect((await get('/e')).body).not.toBe(old.body);
    const second = get('/held/e');
    await new Promise((resolve) => setTimeout(resolve, 50));
    held.shift()!();
    await second;
    expect(answered).toBe(before + 2);
    // Next applies a publish's revalidations after its answer: for a while nothing is kept.
    await get('/e');
    expect(answered).toBe(before + 3);
    await sleep(320);
    await get('/e');
    await get('/e');
    expect(answered).toBe(before + 4);
  });

  it('lets a page go after HOT_PAGE_MS, so Next revalidates it in time', async () => {
    await get('/f');
    const before = answered;
    await new Promise((resolve) => setTimeout(resolve, 400));
    await get('/f');
    expect(answered).toBe(before + 1);
  });
});
