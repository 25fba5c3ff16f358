// The parts of README's Deploying section the benchmark starts: Redis as README starts it (no
// snapshot, no append-only file: it comes back empty), nginx from deploy/nginx.conf, and
// instances of one build, each on its own fresh index, all on that Redis.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { nginxConf } from '../nginx-conf.mjs';
import { waitReady } from './http.mjs';
import { start } from './proc.mjs';
import { freePort, removeIndex, serverEnv, startServer } from './server.mjs';

/** The installed binary `name` (Debian puts nginx in /usr/sbin), or null. */
export function binary(name) {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin']) {
    if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** redis-server on `port`, as README starts it: `--save '' --appendonly no`. */
export async function startRedis(dir, port) {
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

export async function startNginx(dir, upstreams) {
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

export const health = async (base) => (await fetch(`${base}/api/health`)).json();

/** Waits until every server reports Redis connected; how long that took. */
export async function connected(servers) {
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

/**
 * Instance `name` of the build in `dist` on a fresh index of its own, on Redis at `redisPort`,
 * its own background scan slowed so that only the fan-out can carry a push to it.
 */
export async function startInstance({ name, dir, dist, content, token, redisPort }) {
  const indexFile = path.join(dir, `instance-${name}.sqlite`);
  removeIndex(indexFile);
  const env = serverEnv({
    content,
    indexFile,
    token,
    extra: { REDIS_URL: `redis://127.0.0.1:${redisPort}`, SCAN_INTERVAL_MS: '600000' },
  });
  const server = await startServer({
    dist,
    env,
    label: `instance ${name}`,
    logFile: path.join(dir, `instance-${name}.log`),
  });
  server.indexFile = indexFile;
  return server;
}
