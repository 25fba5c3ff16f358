import { expect, test } from '@playwright/test';

import { e2eEnv } from '../playwright.config';
import { startServer, type Server } from './support/server';

// A server with more work than it can take answers the excess 503 with Retry-After at once,
// keeps answering what it has cached (and its health), and serves everything again after.
// Its own instance, with a small limit of work in flight (SHED_MAX_WORK): searches are never
// cached, so each one is work.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let server: Server;

test.beforeAll(async () => {
  server = await startServer({
    ...e2eEnv,
    INDEX_FILE: '.data/e2e-overload-index.sqlite',
    SHED_MAX_WORK: '2',
  });
});

test.afterAll(async () => {
  await server?.stop();
});

test('a saturated server answers 503 with Retry-After, keeps its cached pages, and recovers', async () => {
  // Ready: its own index is built (pages from the shared cache may answer before that).
  await expect.poll(async () => (await fetch(`${server.url}/api/health`)).status).toBe(200);
  const cached = `${server.url}/categories`;
  expect((await fetch(cached)).status).toBe(200);
  const searches = Array.from({ length: 40 }, (_, i) =>
    fetch(`${server.url}/search?q=${encodeURIComponent(`市场${i}`)}`),
  );
  // Meanwhile a page served before, and health, are answered.
  const during = await Promise.all([fetch(cached), fetch(`${server.url}/api/health`)]);
  const answers = await Promise.all(searches);
  const refused = answers.filter((r) => r.status === 503);
  expect(refused.length).toBeGreaterThan(0);
  expect(answers.every((r) => r.status === 200 || r.status === 503)).toBe(true);
  for (const r of refused) {
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.text()).toContain('服务繁忙');
  }
  expect(during.map((r) => r.status)).toEqual([200, 200]);
  const health = await (await fetch(`${server.url}/api/health`)).json();
  expect(health.shedding).toMatchObject({ limit: 2, shed: refused.length });
  // Once the burst is over, every search is answered again.
  await expect
    .poll(async () => (await fetch(`${server.url}/search?q=${encodeURIComponent('市场')}`)).status)
    .toBe(200);
});
