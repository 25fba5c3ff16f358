// Every process a test starts (servers, Redis, nginx) runs in a process group of its own and is
// recorded in a file while it runs, so it is stopped even when its test fails, times out or the
// run is interrupted: the spec stops it, the worker's exit stops what is left of its own, and
// Playwright's global teardown stops whatever any worker left (e2e/support/global-teardown.ts).
// Linux and macOS: a group is signalled as -pgid.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the records live: one file a running process group, named by its id. */
export const RECORDS = path.resolve(process.env.E2E_PROCESS_RECORDS ?? '.data/e2e-processes');

type Record = { pgid: number; started: string | null; command: string; owner: number };

/** When the process started (Linux: /proc), so a record never signals a reused id. */
function startTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const file = (pgid: number) => path.join(RECORDS, String(pgid));

function forget(pgid: number) {
  fs.rmSync(file(pgid), { force: true });
}

/** Signals a whole process group; false when it is gone. */
function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** The processes still recorded (of any worker), as they were recorded. */
export function recorded(): Record[] {
  if (!fs.existsSync(RECORDS)) return [];
  return fs.readdirSync(RECORDS).flatMap((name) => {
    try {
      return [JSON.parse(fs.readFileSync(path.join(RECORDS, name), 'utf8')) as Record];
    } catch {
      return [];
    }
  });
}

/** Whether a record still names the process it was made for. */
function stillOurs(r: Record): boolean {
  if (!alive(r.pgid)) return false;
  return r.started === null || startTime(r.pgid) === r.started;
}

/**
 * Stops the recorded process groups (SIGTERM, SIGKILL after `graceMs`) and forgets them;
 * `owner`: only those a given test process started. Returns the commands it had to stop.
 */
export async function stopRecorded(owner?: number, graceMs = 3_000): Promise<string[]> {
  const found = recorded().filter((r) => owner === undefined || r.owner === owner);
  const stopped: string[] = [];
  for (const r of found) {
    if (stillOurs(r) && signalGroup(r.pgid, 'SIGTERM')) stopped.push(r.command);
  }
  const until = Date.now() + graceMs;
  while (found.some((r) => stillOurs(r)) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const r of found) {
    if (stillOurs(r)) signalGroup(r.pgid, 'SIGKILL');
    forget(r.pgid);
  }
  return stopped;
}

/** What is left of this test process's own groups when it exits (synchronous: exit handler). */
function killOwnSync() {
  for (const r of recorded()) {
    if (r.owner !== process.pid) continue;
    if (stillOurs(r)) signalGroup(r.pgid, 'SIGKILL');
    forget(r.pgid);
  }
}

let exitHook = false;

/**
 * `spawn`, in a process group of its own that is recorded until it exits. Stop it with
 * `stopGroup` (or its own `kill` for a signal to the leader alone, as a process manager sends).
 */
export function spawnRecorded(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const pgid = child.pid;
  if (pgid === undefined) return child;
  fs.mkdirSync(RECORDS, { recursive: true });
  const record: Record = {
    pgid,
    started: startTime(pgid),
    command: [path.basename(command), ...args].join(' '),
    owner: process.pid,
  };
  fs.writeFileSync(file(pgid), JSON.stringify(record));
  child.once('exit', () => {
    // The leader is gone; anything it left in its group goes with the record.
    signalGroup(pgid, 'SIGKILL');
    forget(pgid);
  });
  if (!exitHook) {
    exitHook = true;
    process.once('exit', killOwnSync);
  }
  return child;
}

/** SIGTERM to the group's leader, then SIGKILL to the whole group after `graceMs`; its exit code. */
export function stopGroup(child: ChildProcess, graceMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    const pgid = child.pid;
    const kill = setTimeout(() => {
      if (pgid !== undefined) signalGroup(pgid, 'SIGKILL');
    }, graceMs);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

/**
 * How long a server may take to become ready: a minute on an idle machine, longer the busier it
 * is (the load average per core), at most ten minutes. A loaded CI machine (load 10 on 2 cores)
 * gets five.
 */
export function startBudgetMs(): number {
  const perCore = os.loadavg()[0]! / Math.max(1, os.cpus().length);
  return Math.min(600_000, Math.round(60_000 * Math.max(1, perCore)));
}
