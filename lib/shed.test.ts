import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.SHED_MAX_WORK = '2';
const { installGate, shedState } = await import('@/lib/shed');

/**
 * A stand-in for Next behind the gate: `/slow/…` pages take 300 ms of work and, like an ISR page,
 * answer with `x-nextjs-cache` (so they are cached from then on); `/api/health` is instant.
 */
let server: http.Server;
let base = '';
const release: (() => void)[] = [];

beforeAll(async () => {
  installGate();
  server = http.createServer((req, res) => {
    const done = () => {
      res.setHeader('x-nextjs-cache', 'MISS');
      res.end(`page ${req.url}`);
    };
    if (req.url?.startsWith('/held/')) release.push(done);
    else if (req.url?.startsWith('/slow/')) setTimeout(done, 300);
    else res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

async function get(path: string) {
  const response = await fetch(`${base}${path}`);
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    cacheControl: response.headers.get('cache-control'),
    body: await response.text(),
  };
}

describe('the load-shedding gate', () => {
  it('answers work past the limit 503 with Retry-After at once, and recovers', async () => {
    const held = [get('/held/1'), get('/held/2')];
    await expect.poll(() => release.length).toBe(2);
    expect(shedState()).toMatchObject({ work: 2, refusing: expect.stringContaining('in work') });

    const refused = await get('/slow/3');
    expect(refused.status).toBe(503);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.cacheControl).toBe('no-store');
    expect(refused.body).toContain('服务繁忙');
    // Health is never refused, nor is publishing.
    expect((await get('/api/health')).status).toBe(200);
    expect((await fetch(`${base}/api/revalidate`, { method: 'POST' })).status).toBe(200);
    // Nor a path with a trailing slash: only Next's redirect to the one without.
    expect((await get('/slow/3/')).status).toBe(200);

    release.splice(0).forEach((done) => done());
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    expect(await get('/slow/3')).toMatchObject({ status: 200, body: 'page /slow/3' });
    expect(shedState()).toMatchObject({ work: 0, refusing: null, shed: 1 });
  });

  it('keeps answering pages it has served from the cache while it refuses other work', async () => {
    expect((await get('/slow/cached')).status).toBe(200);
    const held = [get('/held/a'), get('/held/b')];
    await expect.poll(() => release.length).toBe(2);
    expect((await get('/slow/new')).status).toBe(503);
    expect(await get('/slow/cached')).toMatchObject({ status: 200, body: 'page /slow/cached' });
    release.splice(0).forEach((done) => done());
    await Promise.all(held);
  });
});
