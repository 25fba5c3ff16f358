// Several instances of one build on one Redis, with nginx in front (README: Deploying), measured
// as the targets of that deployment are stated: cached article throughput through nginx
// (wrk -t2 -c100), a push to instance A until B serves it, a new post through nginx, the
// latency a dead Redis adds, reconnection, and SIGTERM with a request in flight.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { nginxConf } from '../nginx-conf.mjs';
import { hostileBody, writePost } from './archive.mjs';
import { timedGet, waitReady } from './http.mjs';
import { start, stop } from './proc.mjs';
import { href, publish, summary } from './scenarios.mjs';
import { wrk } from './wrk.mjs';

/** The installed binary `name` (Debian puts nginx in /usr/sbin), or null. */
export function binary(name) {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin']) {
    if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startRedis(dir, port) {
  const redis = start(
    'redis',
    binary('redis-server'),
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { logFile: path.join(dir, 'redis.log') },
  );
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.end(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) return redis;
    await sleep(100);
  }
  throw new Error(`redis-server did not start on ${port}: ${dir}/redis.log`);
}

async function startNginx(dir, upstreams) {
  const prefix = path.join(dir, 'nginx');
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(path.join(prefix, 'tmp'), { recursive: true });
  const port = await freePort();
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(conf, nginxConf({ listen: port, upstreams, foreground: true }));
  const nginx = start('nginx', binary('nginx'), ['-c', conf, '-p', `${prefix}/`], {
    logFile: path.join(dir, 'nginx.log'),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(base, '/api/health', { timeoutMs: 30_000, exited: nginx.exited });
  return { nginx, base };
}

/** Polls until every page of `pages` on `base` is 200 and shows `text`; ms since `started`. */
async function until(base, pages, text, started) {
  for (const page of pages) {
    for (;;) {
      const r = await timedGet(base, page, { keepBody: true, useAgent: false });
      if (r.status === 200 && r.body.toString().includes(text)) break;
      if (performance.now() - started > 60_000)
        throw new Error(`${base}${page} never showed ${text}`);
      await sleep(20);
    }
  }
  return performance.now() - started;
}

/** Latency of `paths` requested in turn, `rounds` times, straight at one instance. */
async function latencies(base, paths, rounds = 3) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    for (const p of paths) times.push((await timedGet(base, p, { useAgent: false })).ms);
  }
  return summary(times);
}

const health = async (base) => (await fetch(`${base}/api/health`)).json();

/** Waits until every server reports Redis connected; how long that took. */
async function connected(servers) {
  const started = performance.now();
  while (
    !(await Promise.all(servers.map((s) => health(s.base)))).every((h) => h.redis === 'connected')
  ) {
    if (performance.now() - started > 60_000)
      throw new Error('instances did not reconnect to Redis');
    await sleep(50);
  }
  return performance.now() - started;
}

/** Each step's figures; the servers are started with `serverEnv` from `dist`'s standalone build. */
export async function measureInstances({
  dir,
  content,
  indexFile,
  dist,
  token,
  facts,
  seconds,
  log,
  env,
}) {
  const out = {};
  const written = [];
  const post = (slug, body, title) => {
    const made = writePost(content, slug, body, title);
    written.push(path.join(content, made.rel));
    return made;
  };
  const redisPort = await freePort();
  let redis = await startRedis(dir, redisPort);
  const servers = [];
  let nginx = null;
  try {
    for (const name of ['a', 'b']) {
      // Each instance keeps its own index, started as a copy of the built one.
      const own = path.join(dir, `instance-${name}.sqlite`);
      for (const suffix of ['', '-wal', '-shm']) {
        fs.rmSync(own + suffix, { force: true });
        if (fs.existsSync(indexFile + suffix)) fs.copyFileSync(indexFile + suffix, own + suffix);
      }
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const handle = start(
        'server',
        process.execPath,
        [path.join(dist, 'standalone', 'server.js')],
        {
          env: {
            ...env,
            PORT: String(port),
            INDEX_FILE: own,
            REDIS_URL: `redis://127.0.0.1:${redisPort}`,
          },
          logFile: path.join(dir, `instance-${name}.log`),
        },
      );
      servers.push({ handle, base, port });
      await waitReady(base, '/categories', { timeoutMs: 300_000, exited: handle.exited });
    }
    const [a, b] = servers;
    ({ nginx, base: out.nginxBase } = await startNginx(dir, [a.port, b.port]));
    const proxy = out.nginxBase;
    const article = href(facts.urls[10]);
    for (let i = 0; i < 3; i++) await fetch(`${proxy}${article}`);
    log('wrk -t2 -c100 on a cached article through nginx');
    out.nginxArticle = await wrk(`${proxy}${article}`, { connections: 100, seconds });
    out.nginxHome = await wrk(`${proxy}/`, { connections: 100, seconds });

    log('push to A until B serves it');
    const pushes = [];
    for (let i = 0; i < 3; i++) {
      const slug = `NWPUSHAB${Date.now()}${i}`;
      const started = performance.now();
      const made = post(slug, `<p>推送 ${slug}。</p>`, `推送 ${slug}`);
      await publish(a.base, token, [made.rel]);
      pushes.push(await until(b.base, [href(made.url), '/'], slug, started));
    }
    out.pushAtoB = summary(pushes);

    log('new post through nginx');
    const viaProxy = [];
    for (let i = 0; i < 3; i++) {
      const slug = `NWPROXY${Date.now()}${i}`;
      const started = performance.now();
      const made = post(slug, `<p>经由代理 ${slug}。</p>`, `经由代理 ${slug}`);
      await publish(a.base, token, [made.rel]);
      viaProxy.push(await until(proxy, [href(made.url), '/'], slug, started));
    }
    out.newPostThroughNginx = summary(viaProxy);

    log('Redis down: added latency');
    // Pages rendered already (from the shared cache) and pages nobody rendered yet.
    const cached = [
      article,
      '/',
      `/category/${encodeURIComponent(facts.categories[0].name.toLowerCase())}`,
    ];
    // Old articles nothing has asked for yet (the other steps read the newest ones).
    const fresh = (share) => {
      const from = Math.floor(facts.urls.length * share);
      return facts.urls.slice(from, from + 30).map(href);
    };
    out.redisUp = {
      cached: await latencies(b.base, cached),
      uncached: await latencies(b.base, fresh(0.5), 1),
    };
    // Hung (stopped, its connections open): every call waits for the timeout, then the breaker.
    process.kill(redis.pid, 'SIGSTOP');
    const firstHung = await timedGet(b.base, article, { useAgent: false });
    out.redisHung = {
      first: firstHung.ms,
      cached: await latencies(b.base, cached),
      uncached: await latencies(b.base, fresh(0.6), 1),
    };
    process.kill(redis.pid, 'SIGCONT');
    await connected([a, b]);
    // Dead (its port closed).
    await stop(redis);
    const firstDown = await timedGet(b.base, article, { useAgent: false });
    out.redisDown = {
      first: firstDown.ms,
      cached: await latencies(b.base, cached),
      uncached: await latencies(b.base, fresh(0.7), 1),
      health: (await health(b.base)).redis,
    };
    const slug = `NWDOWN${Date.now()}`;
    const down = post(slug, `<p>停机 ${slug}。</p>`, `停机 ${slug}`);
    const started = performance.now();
    await publish(a.base, token, [down.rel]);
    out.redisDown.publishOnA = await until(a.base, [href(down.url)], slug, started);
    out.redisDown.otherCaughtUp = await until(b.base, [href(down.url)], slug, started);

    log('Redis back');
    redis = await startRedis(dir, redisPort);
    out.reconnectMs = await connected([a, b]);

    log('SIGTERM with a request in flight');
    const slow = post(`NWSLOW${Date.now()}`, hostileBody(), '很慢的稿件');
    await publish(b.base, token, [slow.rel]);
    const inFlight = timedGet(b.base, href(slow.url), { useAgent: false, timeoutMs: 60_000 });
    await sleep(500);
    const signalled = performance.now();
    process.kill(b.handle.pid, 'SIGTERM');
    const exit = await b.handle.exited;
    const answer = await inFlight.catch((error) => ({ status: 0, error: error.message }));
    out.sigterm = {
      exitMs: performance.now() - signalled,
      code: exit.code,
      signal: exit.signal,
      inFlightStatus: answer.status,
    };
  } finally {
    if (nginx) await stop(nginx);
    for (const s of servers) await stop(s.handle);
    await stop(redis);
    for (const file of written) fs.rmSync(file, { force: true });
  }
  return out;
}
