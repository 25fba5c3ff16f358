import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

import { afterAll, describe, expect, it } from 'vitest';

import { contentFixture, FIXTURE_TIME_ZONE } from '@/lib/testing/content-fixture';
import { render, scanFiles } from '@/lib/workers/content-worker';

const fx = contentFixture();
afterAll(() => fx.cleanup());

const require = createRequire(import.meta.url);

/** Another process takes the index's write lock for `ms`; resolves once it holds it. */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const child = spawn(process.execPath, [
    '-e',
    `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});
     const db = new D(${JSON.stringify(file)});
     db.exec('BEGIN IMMEDIATE');
     console.log('held');
     setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`,
  ]);
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', () => resolve({ released }));
  });
}

describe('a thread that stored a reader’s render', () => {
  it('still waits its full time for the write lock in its next task (a publish’s scan)', async () => {
    const source = { contentDir: fx.contentDir, timeZone: FIXTURE_TIME_ZONE, aliasZones: [] };
    const index = fx.open();
    const first = fx.writeRaw('_posts/2024-03-01-first.md', '---\ntitle: 第一篇\n---\n正文。');
    scanFiles({ ...source, dbFile: fx.dbFile, files: [first] });
    const post = index.db.prepare('SELECT id, body_hash AS hash FROM posts').get() as {
      id: number;
      hash: string;
    };
    // A render a reader asked for: answered, then stored with a short wait for the lock.
    const result = await render({ ...source, path: first, ...post, dbFile: fx.dbFile });
    expect(result.kind).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(index.db.prepare('SELECT COUNT(*) FROM renders').pluck().get()).toBe(1);

    // A writer holds the lock for longer than that short wait: the scan waits it out.
    const second = fx.writeRaw('_posts/2024-03-01-second.md', '---\ntitle: 第二篇\n---\n正文。');
    const { released } = await holdWriteLock(fx.dbFile, 1_000);
    expect(() => scanFiles({ ...source, dbFile: fx.dbFile, files: [second] })).not.toThrow();
    await released;
    expect(index.db.prepare('SELECT title FROM posts ORDER BY id').pluck().all()).toEqual([
      '第一篇',
      '第二篇',
    ]);
  }, 30_000);
});
