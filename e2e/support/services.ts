// Real Redis and nginx for the tests that run several instances (Debian's redis-server and
// nginx, which .ci/run installs), on free ports of 127.0.0.1, stopped by PID, and recorded
// like every process a test starts (e2e/support/processes.ts).
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { nginxConf } from '../../scripts/nginx-conf.mjs';

import { spawnRecorded, startBudgetMs } from './processes';
import { allowFor, freePort } from './server';

function binary(name: string, apt: string): string {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin']) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${name} is not installed: these tests run a real one (apt-get install ${apt})`);
}

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = startBudgetMs() / 6,
) {
  allowFor(ms);
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not ready after ${ms} ms`);
}

export type Redis = {
  url: string;
  port: number;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** SIGSTOP / SIGCONT: a hung Redis, its connections open but never answering. */
  pause: () => void;
  resume: () => void;
};

/** A redis-server of its own, without persistence; `stop` and `start` it again on its port. */
export async function startRedis(): Promise<Redis> {
  const exe = binary('redis-server', 'redis-server');
  const port = await freePort();
  let child: ChildProcess | null = null;
  const alive = () =>
    new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.end(), resolve(true)));
      s.once('error', () => resolve(false));
    });
  const redis: Redis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawnRecorded(
        exe,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      await until(alive, 'redis-server');
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      });
    },
  };
  await redis.start();
  return redis;
}

export type Nginx = { url: string; stop: () => Promise<void> };

/** nginx with deploy/nginx.conf, its upstream pointed at `upstreams`, on a free port. */
export async function startNginx(upstreams: number[]): Promise<Nginx> {
  const exe = binary('nginx', 'nginx');
  const port = await freePort();
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-'));
  fs.mkdirSync(path.join(prefix, 'tmp'));
  const conf = nginxConf({ listen: port, upstreams, foreground: true });
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), conf);
  execFileSync(exe, ['-t', '-c', path.join(prefix, 'nginx.conf'), '-p', `${prefix}/`], {
    stdio: 'pipe',
  });
  const child = spawnRecorded(exe, ['-c', path.join(prefix, 'nginx.conf'), '-p', `${prefix}/`], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${url}/api/health`).catch(() => null)) !== null, 'nginx');
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          fs.rmSync(prefix, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
