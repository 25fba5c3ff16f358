// Child processes for the benchmark: every one is started in its own process group so that it
// and everything it forks (npx, Next's build workers, the server's children) can be measured
// and stopped as a unit, by its id. Linux /proc gives the memory figures; elsewhere they are null.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Process groups still running, by leader pid → label; emptied by `killAllSync` on the way out. */
const live = new Map();

const HAS_PROC = fs.existsSync('/proc/self/status');

/** Every process whose parent chain or process group leads to `root` (root included). */
function treePids(root) {
  if (!HAS_PROC) return [root];
  const children = new Map();
  const members = new Set([root]);
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited between readdir and read
    }
    // `pid (comm) state ppid pgrp …`: comm may hold spaces and parentheses, so split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(name);
    const ppid = Number(rest[1]);
    const pgrp = Number(rest[2]);
    if (pgrp === root) members.add(pid);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  // Descendants too: a child that started its own group is still part of the tree.
  const queue = [...members];
  while (queue.length) {
    for (const child of children.get(queue.pop()) ?? []) {
      if (!members.has(child)) {
        members.add(child);
        queue.push(child);
      }
    }
  }
  return [...members];
}

/** Sum of VmRSS over a process tree, in bytes; null where /proc is unavailable. */
export function treeRss(root) {
  if (!HAS_PROC) return null;
  let kb = 0;
  for (const pid of treePids(root)) {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // gone already
    }
  }
  return kb * 1024;
}

/** CPU time (user + system) a process tree has used so far, in seconds; null without /proc. */
export function treeCpuSeconds(root) {
  if (!HAS_PROC) return null;
  let ticks = 0;
  for (const pid of treePids(root)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After `pid (comm) `: state is field 3, utime and stime are fields 14 and 15.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      // gone already
    }
  }
  return ticks / 100; // USER_HZ, 100 on Linux
}

/** Samples a tree's RSS every `everyMs` until stopped; returns the peak seen, in bytes. */
export function rssSampler(root, everyMs = 100) {
  let peak = treeRss(root);
  const timer = setInterval(() => {
    const now = treeRss(root);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, everyMs);
  timer.unref();
  return {
    get peak() {
      return peak;
    },
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** Command lines of a tree's live processes, for messages about strays. */
function describeTree(root) {
  return treePids(root)
    .map((pid) => {
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
        // A zombie has no command line left: it was exiting when we looked.
        return `${pid}: ${cmd.slice(0, 200) || '(exiting)'}`;
      } catch {
        return null;
      }
    })
    .filter(Boolean);
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a command in a new process group. Output goes to `logFile` (appended) and, when
 * `capture` is set, is also kept in memory for the caller. Returns a handle whose `exited`
 * promise resolves with { code, signal, ms } (wall time from spawn to exit).
 */
export function start(label, cmd, args, { env, cwd, logFile, capture = false } = {}) {
  const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
  log?.write(`\n$ ${[cmd, ...args].join(' ')}\n`);
  const t0 = performance.now();
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    log?.write(chunk);
    if (capture) stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    log?.write(chunk);
    if (capture) stderr += chunk;
  });
  if (child.pid) live.set(child.pid, label);
  const exited = new Promise((resolve) => {
    let done = false;
    let exit = null;
    const finish = (result) => {
      if (done) return;
      done = true;
      // The group stays in `live` until stop() or run() has seen it empty: strays count too.
      log?.end();
      resolve(result);
    };
    child.on('error', (error) =>
      finish({ code: null, signal: null, error, ms: performance.now() - t0 }),
    );
    // The wall time ends when the command itself exits. Its output is complete at 'close', but a
    // stray descendant holding the pipes would delay that forever: wait for it 2 s at most.
    child.on('exit', (code, signal) => {
      exit = { code, signal, ms: performance.now() - t0 };
      setTimeout(() => finish(exit), 2_000).unref();
    });
    child.on('close', (code, signal) =>
      finish(exit ?? { code, signal, ms: performance.now() - t0 }),
    );
  });
  return {
    label,
    pid: child.pid,
    exited,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

/** Stops a process group: SIGTERM, then SIGKILL if anything of it is left after `graceMs`. */
export async function stop(handle, graceMs = 10_000) {
  const { pid } = handle;
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone in between
    }
  }
  await Promise.race([handle.exited, sleep(5_000)]);
  live.delete(pid);
}

/** Runs a command to completion with a timeout; throws with the output's tail on failure. */
export async function run(label, cmd, args, { timeoutMs, rss = false, ...opts } = {}) {
  const handle = start(label, cmd, args, { ...opts, capture: true });
  const sampler = rss && handle.pid ? rssSampler(handle.pid) : null;
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const result = await Promise.race([handle.exited, timeout]);
  clearTimeout(timer);
  const peakRss = sampler ? sampler.stop() : null;
  if (result === 'timeout') {
    await stop(handle, 5_000);
    throw new Error(`${label} timed out after ${Math.round(timeoutMs / 1000)} s${tail(handle)}`);
  }
  // The leader is done; anything it left behind in its group would distort the next step.
  const leftovers = handle.pid && groupAlive(handle.pid) ? describeTree(handle.pid) : null;
  if (leftovers) await stop(handle, 2_000);
  else live.delete(handle.pid);
  if (result.error) throw new Error(`${label} could not start: ${result.error.message}`);
  if (result.code !== 0) {
    throw new Error(`${label} failed (exit ${result.code ?? result.signal})${tail(handle)}`);
  }
  return { ms: result.ms, peakRss, leftovers, stdout: handle.stdout, stderr: handle.stderr };
}

function tail(handle, lines = 30) {
  const text = `${handle.stdout}\n${handle.stderr}`.trim().split('\n').slice(-lines).join('\n');
  return text ? `; last output:\n${text}` : '';
}

/** Last resort on exit or a signal: SIGKILL every group still running. Synchronous on purpose. */
export function killAllSync() {
  for (const [pid, label] of live) {
    try {
      process.kill(-pid, 'SIGKILL');
      console.error(`[bench] killed ${label} (process group ${pid})`);
    } catch {
      // already gone
    }
    live.delete(pid);
  }
}
