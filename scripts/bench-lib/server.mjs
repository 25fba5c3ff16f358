// The servers the benchmark measures: one build (`npm run build:standalone` into a dist folder of
// its own), served by the standalone server as README's Deploying section runs it, or by
// `next start` as `npm run serve` does, both under README's heap cap. Every server that exits
// without being told to is a crash: its exit code, the step that was running and its log's tail
// are kept for the report.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { waitReady } from './http.mjs';
import { run, start, stop } from './proc.mjs';
import { guardTsconfig } from './tsconfig.mjs';

export const HEAP_CAP = '--max-old-space-size=192';

const crashes = [];
let currentStep = 'start';

/** Names the step now running, for crash reports. */
export function setStep(name) {
  currentStep = name;
}

/** Crashes seen since the last call (and forgets them). */
export function takeCrashes() {
  return crashes.splice(0);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The last `lines` lines of a log file. */
export function logTail(file, lines = 20) {
  try {
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(Math.min(size, 16_384));
    fs.readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    fs.closeSync(fd);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

const removeIndex = (file) => {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
};

/**
 * `npm run build:standalone` (or, with `standalone: false`, `npm run build`) into `dist` from a
 * fresh checkout: no dist folder, no index (nor the build's own one for a large archive).
 */
export async function build({ dist, content, indexFile, standalone = true, log }) {
  fs.rmSync(dist, { recursive: true, force: true });
  removeIndex(indexFile);
  removeIndex(`${indexFile}.build`);
  const restore = guardTsconfig(dist);
  try {
    const env = {
      ...process.env,
      NEXT_DIST_DIR: dist,
      CONTENT_DIR: content,
      INDEX_FILE: indexFile,
      NEXT_TELEMETRY_DISABLED: '1',
    };
    const script = standalone ? 'build:standalone' : 'build';
    const r = await run('build', 'npm', ['run', script], { env, rss: true, timeoutMs: 3_600_000 });
    log(`${script} ${Math.round(r.ms)} ms, peak RSS ${Math.round(r.peakRss / 2 ** 20)} MB`);
    if (standalone) fs.cpSync(pagesDir(dist), pristineDir(dist), { recursive: true });
    fs.writeFileSync(path.join(dist, 'bench-build.json'), JSON.stringify({ content, standalone }));
    return { ms: r.ms, peakRss: r.peakRss };
  } finally {
    for (const note of restore()) log(note);
  }
}

/** Where the standalone server of `dist` keeps the pages it has rendered (Next's ISR cache). */
const pagesDir = (dist) => path.join(dist, 'standalone', path.relative('.', dist), 'server', 'app');
const pristineDir = (dist) => path.join(dist, 'bench-pristine-app');

/**
 * The standalone server's page cache as the build left it: a server started after this is a
 * fresh deployment (nothing rendered since the build), whatever earlier steps rendered.
 */
export function resetPages(dist) {
  if (!fs.existsSync(pristineDir(dist))) return false;
  fs.rmSync(pagesDir(dist), { recursive: true, force: true });
  fs.cpSync(pristineDir(dist), pagesDir(dist), { recursive: true });
  return true;
}

/** Whether `dist` holds a build of the benchmark for `content` (to measure without rebuilding). */
export function builtFor(dist, content, standalone = true) {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dist, 'bench-build.json'), 'utf8'));
    return stamp.content === content && stamp.standalone === standalone;
  } catch {
    return false;
  }
}

/** A server's environment, as README's Deploying section runs it. */
export const serverEnv = ({ content, indexFile, token, extra = {} }) => ({
  ...process.env,
  HOSTNAME: '127.0.0.1',
  CONTENT_DIR: content,
  INDEX_FILE: indexFile,
  REVALIDATE_TOKEN: token,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? HEAP_CAP,
  // As README starts a server: two malloc arenas, not up to eight a core.
  MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  ...extra,
});

/**
 * Starts a server (`kind` standalone or next-start) on a free port; it is not waited for.
 * `handle.exit` is set when it exits; an exit `stopServer` did not ask for is recorded as a crash.
 */
export async function startServer({ kind = 'standalone', dist, env, logFile, label = 'server' }) {
  const port = await freePort();
  const args =
    kind === 'standalone'
      ? [path.join(dist, 'standalone', 'server.js')]
      : [
          path.resolve('node_modules/next/dist/bin/next'),
          'start',
          '-p',
          String(port),
          '-H',
          '127.0.0.1',
        ];
  const spawned = performance.now();
  const proc = start(label, process.execPath, args, {
    env: { ...env, PORT: String(port), NEXT_DIST_DIR: dist },
    logFile,
  });
  const handle = {
    kind,
    label,
    proc,
    pid: proc.pid,
    port,
    base: `http://127.0.0.1:${port}`,
    logFile,
    spawned,
    exit: null,
    stopping: false,
    exited: proc.exited,
  };
  proc.exited.then((exit) => {
    handle.exit = exit;
    if (handle.stopping) return;
    crashes.push({
      server: label,
      kind,
      step: currentStep,
      code: exit.code,
      signal: exit.signal,
      afterS: Math.round(exit.ms / 1000),
      logTail: logTail(logFile),
    });
  });
  return handle;
}

/**
 * Waits until /api/health answers 200 (the index is built: until then it answers 503
 * `starting`, while pages the build made may already be served from its cache) and `path`
 * answers 200; ms since spawn (`phases.healthMs`: until health answered 200).
 */
export async function waitServing(handle, path = '/categories', timeoutMs = 900_000, phases = {}) {
  try {
    const until = { timeoutMs, exited: handle.exited, status: 200 };
    await waitReady(handle.base, '/api/health', until);
    phases.healthMs = performance.now() - handle.spawned;
    await waitReady(handle.base, path, until);
  } catch (error) {
    throw new Error(
      `${handle.label}: ${error.message}; log ${handle.logFile}:\n${logTail(handle.logFile, 10)}`,
    );
  }
  return performance.now() - handle.spawned;
}

/** Stops a server on purpose (not a crash). */
export async function stopServer(handle) {
  if (!handle) return;
  handle.stopping = true;
  await stop(handle.proc);
}

/** Sends a server a signal on purpose (the exit it causes is not a crash). */
export function signalServer(handle, signal) {
  handle.stopping = true;
  process.kill(handle.pid, signal);
}

/** A fresh index: the file and its journal removed, so the server builds it when it starts. */
export { removeIndex };
