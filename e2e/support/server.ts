// Servers a test starts itself: the e2e build's standalone server (npm run build:standalone, made
// by the main web server of playwright.config.ts) with the environment the test needs, on a
// free port of 127.0.0.1. Stopped with SIGTERM, as a process manager would.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

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

async function waitReady(server: Server, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.process.exitCode !== null) {
      throw new Error(`server exited with ${server.process.exitCode}:\n${server.output()}`);
    }
    try {
      const response = await fetch(`${server.url}/categories`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${server.output()}`);
}

/** Starts a standalone server with `env` on top of the test's own environment. */
export async function startServer(env: Record<string, string>, port?: number): Promise<Server> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, [STANDALONE_SERVER], {
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
    stop: (graceMs = 15_000) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', (code) => {
          clearTimeout(kill);
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
  };
  try {
    await waitReady(server, 60_000);
  } catch (error) {
    await server.stop(1_000);
    throw error;
  }
  return server;
}
