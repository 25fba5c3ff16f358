import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';
import { createClient } from 'redis';

import { stopRecorded } from './support/processes';
import { startNginx, startRedis, type Nginx, type Redis } from './support/services';
import { startServer, type Server } from './support/server';

// Several instances of one build on one Redis, as DESIGN §6 deploys them: a push that reaches
// one instance goes live on the others, Redis down costs nothing but sharing, SIGTERM drains.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const SECRET = 'instances-secret';
let content: string;
let redis: Redis;
let a: Server;
let b: Server;

/** Beijing `YYYY-MM-DD HH:MM:SS` a minute ago, and that day as a URL path. */
function now() {
  const wall = new Date(Date.now() - 60_000 + 8 * 3600_000).toISOString();
  return { stamp: `${wall.slice(0, 10)} ${wall.slice(11, 19)}`, day: wall.slice(0, 10) };
}

/** Writes a post into the shared content folder; its repository path and URL. */
function write(slug: string, title: string) {
  const { stamp, day } = now();
  const rel = `_posts/${day}-${slug}.md`;
  fs.writeFileSync(
    path.join(content, rel),
    `---\ntitle: "${title}"\ndate: ${stamp} +0800\ncategories: kuaixun\ntags: 多实例\n---\n<p>${title}：正文。</p>\n`,
  );
  return { rel, url: `/kuaixun/${day.replaceAll('-', '/')}/${slug}.html` };
}

function deliver(server: Server, files: string[]) {
  const body = JSON.stringify({ ref: 'refs/heads/main', commits: [{ added: files }] });
  return fetch(`${server.url}/api/revalidate`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': `d-${crypto.randomUUID()}`,
      'x-hub-signature-256': `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
  });
}

/** Whether a new TCP connection to the port is accepted. */
const connects = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const health = async (server: Server) => (await fetch(`${server.url}/api/health`)).json();
/** Waits until the server's health answer holds `expected`. */
const reports = (server: Server, expected: Record<string, unknown>) =>
  expect.poll(async () => health(server), { timeout: 20_000 }).toMatchObject(expected);
const text = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
};

function instance(name: string, extra: Record<string, string> = {}) {
  return startServer({
    CONTENT_DIR: content,
    INDEX_FILE: path.join(content, '..', `${name}.sqlite`),
    REDIS_URL: redis.url,
    REDIS_POLL_MS: '500',
    SCAN_INTERVAL_MS: '1000',
    GITHUB_WEBHOOK_SECRET: SECRET,
    RENDER_BUDGET_MS: '3000',
    ...extra,
  });
}

test.beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'instances-'));
  content = path.join(root, 'content');
  fs.cpSync('content/_posts', path.join(content, '_posts'), { recursive: true });
  redis = await startRedis();
  [a, b] = await Promise.all([instance('a'), instance('b')]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  // What a failed or timed-out start left running, before its variable was even assigned.
  await stopRecorded(process.pid);
  fs.rmSync(path.dirname(content), { recursive: true, force: true });
});

test('each instance reports itself healthy, on Redis, with its posts', async () => {
  for (const server of [a, b]) {
    await reports(server, { status: 'ok', posts: 32, redis: 'connected' });
  }
  const response = await fetch(`${a.url}/api/health`);
  expect(response.headers.get('cache-control')).toBe('no-store');
});

test('a page rendered by A is served to B from the shared cache in Redis', async () => {
  const page = `/tag/${encodeURIComponent('新能源')}`;
  const first = await fetch(`${a.url}${page}`);
  expect(first.status).toBe(200);
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    await expect
      .poll(async () => (await client.keys('finews:isr:*')).length, { timeout: 5_000 })
      .toBeGreaterThan(0);
  } finally {
    await client.close();
  }
  // B never rendered this page: its first answer is A's render, from Redis (once B is on it:
  // on a busy machine a slow answer makes an instance skip Redis for a few seconds).
  await reports(b, { redis: 'connected' });
  const fromB = await fetch(`${b.url}${page}`);
  expect(fromB.status).toBe(200);
  expect(fromB.headers.get('x-nextjs-cache')).toBe('HIT');
});

test('a push that reaches instance A is live on instance B, article and home', async () => {
  const post = write('multi-a', '推送到A的稿件');
  expect((await text(`${b.url}${post.url}`)).status).toBe(404);
  expect((await deliver(a, [post.rel])).status).toBe(200);
  const version = (await health(a)).contentVersion as number;
  expect(version).toBeGreaterThan(0);
  await expect
    .poll(async () => (await text(`${b.url}${post.url}`)).status, { timeout: 10_000 })
    .toBe(200);
  await expect
    .poll(async () => (await text(`${b.url}/`)).body, { timeout: 10_000 })
    .toContain('推送到A的稿件');
  // B caught up by the announcement, not by chance: it applied A's version.
  await expect.poll(async () => (await health(b)).contentVersion).toBe(version);
});

test('with Redis down both serve, A still publishes, and B catches up by itself', async () => {
  await redis.stop();
  for (const server of [a, b]) {
    await reports(server, { status: 'degraded', redis: 'down' });
    expect((await text(`${server.url}/`)).status).toBe(200);
    expect((await text(`${server.url}/category/emnews`)).status).toBe(200);
  }
  const post = write('multi-down', 'Redis停机时的稿件');
  expect((await deliver(a, [post.rel])).status).toBe(200);
  expect((await text(`${a.url}${post.url}`)).status).toBe(200);
  await expect
    .poll(async () => (await text(`${b.url}${post.url}`)).status, { timeout: 30_000 })
    .toBe(200);
});

test('when Redis is back, the instances reconnect and publishing reaches both again', async () => {
  await redis.start();
  for (const server of [a, b]) await reports(server, { status: 'ok', redis: 'connected' });
  const post = write('multi-back', 'Redis恢复后的稿件');
  expect((await deliver(b, [post.rel])).status).toBe(200);
  const version = (await health(b)).contentVersion as number;
  await expect
    .poll(async () => (await health(a)).contentVersion, { timeout: 10_000 })
    .toBe(version);
  await expect.poll(async () => (await text(`${a.url}${post.url}`)).status).toBe(200);
});

test('a hung Redis (never answering) is skipped: pages serve, health says so, then it recovers', async () => {
  redis.pause();
  try {
    // Each request waits on Redis REDIS_TIMEOUT_MS at most, then the instance leaves it alone.
    for (const page of ['/', '/category/emnews', `/tag/${encodeURIComponent('新能源')}`, '/tags']) {
      const response = await fetch(`${b.url}${page}`, { signal: AbortSignal.timeout(10_000) });
      expect(response.status).toBe(200);
    }
    await reports(b, { status: 'degraded', redis: 'down' });
  } finally {
    redis.resume();
  }
  await reports(b, { status: 'ok', redis: 'connected' });
});

test('nginx in front serves from its micro-cache and shows a new post within seconds', async () => {
  let nginx: Nginx | null = null;
  try {
    const proxy = await startNginx([a.port, b.port]);
    nginx = proxy;
    await fetch(`${proxy.url}/categories`);
    const cached = await fetch(`${proxy.url}/categories`);
    expect(cached.status).toBe(200);
    expect(cached.headers.get('x-cache')).toMatch(/HIT|UPDATING|STALE/);
    // What the site marks no-store is never kept.
    await fetch(`${proxy.url}/api/health`);
    expect((await fetch(`${proxy.url}/api/health`)).headers.get('x-cache')).not.toBe('HIT');

    const post = write('multi-nginx', '经由nginx的稿件');
    expect((await text(`${proxy.url}/`)).body).not.toContain('经由nginx的稿件');
    expect((await deliver(a, [post.rel])).status).toBe(200);
    await expect
      .poll(async () => (await text(`${proxy.url}/`)).body, { timeout: 10_000, intervals: [250] })
      .toContain('经由nginx的稿件');
    expect((await text(`${proxy.url}${post.url}`)).status).toBe(200);
  } finally {
    await nginx?.stop();
  }
});

test('live news through nginx and on the other instance: a 304 until a post pushed to A', async () => {
  let nginx: Nginx | null = null;
  try {
    const proxy = await startNginx([a.port, b.port]);
    nginx = proxy;
    const live = `${proxy.url}/api/live?list=home`;
    const first = await fetch(live);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    const ask = () => fetch(live, { headers: { 'if-none-match': etag } });
    expect((await ask()).status).toBe(304);

    const post = write('multi-live', '经由nginx的实时快讯');
    expect((await deliver(a, [post.rel])).status).toBe(200);
    // What open pages ask, through the proxy's micro-cache, within a few seconds.
    await expect
      .poll(
        async () => {
          const answer = await ask();
          return answer.status === 200 ? answer.text() : `${answer.status}`;
        },
        { timeout: 10_000, intervals: [250] },
      )
      .toContain('经由nginx的实时快讯');
    // And what B answers by itself: from its index, caught up by the fan-out.
    expect(await (await fetch(`${b.url}/api/live?list=home`)).text()).toContain(
      '经由nginx的实时快讯',
    );
  } finally {
    await nginx?.stop();
  }
});

test('a Redis restarted empty does not silence publishing: a push to one instance is live on the other', async () => {
  // Their own background checks slowed to ten minutes: only the fan-out can carry the push.
  const slow = { SCAN_INTERVAL_MS: '600000' };
  const [c, d] = await Promise.all([instance('restart-c', slow), instance('restart-d', slow)]);
  try {
    const before = write('multi-before-restart', 'Redis重启前的稿件');
    expect((await deliver(c, [before.rel])).status).toBe(200);
    await expect
      .poll(async () => (await text(`${d.url}${before.url}`)).status, { timeout: 10_000 })
      .toBe(200);
    // As README starts it (`--save '' --appendonly no`): it comes back with nothing.
    await redis.stop();
    await redis.start();
    for (const server of [c, d]) await reports(server, { redis: 'connected' });
    const post = write('multi-after-restart', 'Redis清空重启后的稿件');
    expect((await deliver(c, [post.rel])).status).toBe(200);
    await expect
      .poll(async () => (await text(`${d.url}${post.url}`)).status, { timeout: 10_000 })
      .toBe(200);
    await expect
      .poll(async () => (await text(`${d.url}/`)).body, { timeout: 10_000 })
      .toContain('Redis清空重启后的稿件');
  } finally {
    await Promise.all([c.stop(), d.stop()]);
  }
});

test('SIGTERM: an instance finishes the request in flight, refuses new ones and exits', async () => {
  const c = await instance('c', { RENDER_BUDGET_MS: '2500' });
  // Ready by its health, the instance has loaded no page yet: an article first, so that the
  // request in flight is the slow render alone, not also the route's code and a render thread.
  const warm = await text(`${c.url}/gongxinweibao/2026/11/27/NW202611273198509973.html`);
  expect(warm.status).toBe(200);
  // A body that takes its whole render budget: in flight when the signal comes.
  const { day, stamp } = now();
  const rel = `_posts/${day}-multi-slow.md`;
  fs.writeFileSync(
    path.join(content, rel),
    `---\ntitle: "很慢的稿件"\ndate: ${stamp} +0800\ncategories: kuaixun\n---\n<p>${'<font>字</font>'.repeat(40_000)}</p>\n`,
  );
  expect((await deliver(c, [rel])).status).toBe(200);
  const inFlight = text(`${c.url}/kuaixun/${day.replaceAll('-', '/')}/multi-slow.html`);
  await new Promise((r) => setTimeout(r, 1_000));
  const exited = c.stop(15_000);
  const answer = await inFlight;
  expect(answer.status).toBe(200);
  expect(answer.body).toContain('正文排版过于复杂');
  // A new connection is refused (the one in flight stays open for its own client only).
  await expect.poll(() => connects(c.port)).toBe(false);
  // It exited by itself (143, as after SIGTERM), not killed by the test's SIGKILL fallback.
  expect(await exited).toBe(143);
});
