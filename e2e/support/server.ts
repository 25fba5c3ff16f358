// Servers a test starts itself: the e2e build's standalone server (npm run build:standalone, made
// by the main web server of playwright.config.ts) with the environment the test needs, on a
// free port of 127.0.0.1. Ready when its health endpoint says so; stopped with SIGTERM, as a
// process manager would, and in any case by the process records (e2e/support/processes.ts).
import { type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

import { test } from '@playwright/test';

import { spawnRecorded, startBudgetMs, stopGroup } from './processes';

export type Server = {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the server printed so far. */
  output: () => string;
  /** SIGTERM, then the exit code (SIGKILL after `graceMs`). */
  stop: (graceMs?: number) => Promise<number | null>;
};

export const STANDALONE_SERVER = path.resolve('.next/standalone/server.js');

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Until `/api/health` answers 200 (the index is ready), within `timeoutMs`. */
async function waitReady(server: Server, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < until) {
    if (server.process.exitCode !== null) {
      throw new Error(`server exited with ${server.process.exitCode}:\n${server.output()}`);
    }
    try {
      const response = await fetch(`${server.url}/api/health`, {
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready after ${timeoutMs} ms (health: ${last}):\n${server.output()}`);
}

/**
 * Gives the running test or hook `ms` more to its timeout, so that waiting for a process within
 * its budget never runs into the test's own limit. Nothing outside a test.
 */
export function allowFor(ms: number) {
  try {
    const info = test.info();
    info.setTimeout(info.timeout + ms);
  } catch {
    // Not inside a test or hook.
  }
}

/**
 * Starts a standalone server with `env` on top of the test's own environment and waits until it
 * is healthy, for as long as the machine's load calls for (startBudgetMs).
 */
export async function startServer(env: Record<string, string>, port?: number): Promise<Server> {
  const chosen = port ?? (await freePort());
  const child = spawnRecorded(process.execPath, [STANDALONE_SERVER], {
    env: {
      ...process.env,
      PWD: process.cwd(),
      PORT: String(chosen),
      HOSTNAME: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const server: Server = {
    url: `http://127.0.0.1:${chosen}`,
    port: chosen,
    process: child,
    output: () => log,
    stop: (graceMs = 15_000) => stopGroup(child, graceMs),
  };
  const budget = startBudgetMs();
  allowFor(budget);
  try {
    await waitReady(server, budget);
  } catch (error) {
    await server.stop(1_000);
    throw error;
  }
  return server;
}
