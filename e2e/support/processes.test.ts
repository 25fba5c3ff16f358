import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

const records = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-records-'));
process.env.E2E_PROCESS_RECORDS = records;
const { recorded, spawnRecorded, stopRecorded } = await import('./processes');

afterAll(() => fs.rmSync(records, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** The pids of a process group (Linux/macOS `ps`). */
const group = (pgid: number) =>
  execFileSync('ps', ['-e', '-o', 'pid=,pgid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([, g]) => g === pgid)
    .map(([pid]) => pid!);

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  return check();
};

describe('processes a test starts', () => {
  it('run in a group of their own, recorded until the teardown stops all of it', async () => {
    // A server that started a helper of its own: both must go.
    const child = spawnRecorded('sh', ['-c', 'sleep 300 & sleep 300'], { stdio: 'ignore' });
    const pgid = child.pid!;
    expect(await until(() => group(pgid).length === 3)).toBe(true);
    expect(recorded().map((r) => r.pgid)).toEqual([pgid]);

    expect(await stopRecorded()).toEqual(['sh -c sleep 300 & sleep 300']);
    expect(await until(() => group(pgid).length === 0)).toBe(true);
    expect(recorded()).toEqual([]);
  });

  it('are stopped by the teardown when the test process that started them was killed', async () => {
    // A Playwright worker killed outright (a timeout, Ctrl+C): its exit handlers never run.
    const worker = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const { spawnRecorded } = await import(${JSON.stringify(path.resolve('e2e/support/processes.ts'))});
         const c = spawnRecorded('sleep', ['300'], { stdio: 'ignore' });
         console.log(c.pid);
         setInterval(() => {}, 1000);`,
      ],
      {
        env: { ...process.env, E2E_PROCESS_RECORDS: records },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const pid = await new Promise<number>((resolve) =>
      worker.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
    );
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    expect(alive(pid)).toBe(true);

    expect(await stopRecorded()).toEqual(['sleep 300']);
    expect(await until(() => !alive(pid))).toBe(true);
  });

  it('never signals a process that merely reuses a recorded id', async () => {
    fs.writeFileSync(
      path.join(records, String(process.pid)),
      JSON.stringify({ pgid: process.pid, started: '1', command: 'gone', owner: 1 }),
    );
    expect(await stopRecorded()).toEqual([]);
    expect(recorded()).toEqual([]);
  });
});
