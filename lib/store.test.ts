import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

// `next build` on an archive larger than BUILD_POSTS, with more newest posts than a bulk scan's
// threshold (2,000 named files): set before the store is loaded, as `next build` would.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'store-build-'));
const contentDir = path.join(root, 'content');
const indexFile = path.join(root, 'index.sqlite');
const POSTS = 2_600;
const BUILD_POSTS = 2_500;
fs.mkdirSync(path.join(contentDir, '_posts'), { recursive: true });
for (let i = 0; i < POSTS; i++) {
  const day = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().slice(0, 10);
  fs.writeFileSync(
    path.join(contentDir, '_posts', `${day}-p${String(i).padStart(5, '0')}.md`),
    `---\ntitle: 第 ${i} 篇\ncategories: news\n---\n正文 ${i}。\n`,
  );
}
process.env.CONTENT_DIR = contentDir;
process.env.INDEX_FILE = indexFile;
process.env.BUILD_POSTS = String(BUILD_POSTS);
process.env.NEXT_PHASE = 'phase-production-build';
const store = await import('@/lib/store');
const { closeWorkers } = await import('@/lib/workers/pool');

afterAll(async () => {
  await closeWorkers();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the index of `next build` on a large archive', () => {
  it('holds the newest BUILD_POSTS posts only, however many that is', async () => {
    const urls = await store.getNewestUrls(3);
    expect(urls).toHaveLength(3);
    const db = new Database(`${indexFile}.build`, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) FROM posts').pluck().get()).toBe(BUILD_POSTS);
      // The oldest of them is post 100: the 100 older ones were not read.
      const titles = db.prepare('SELECT title FROM posts ORDER BY date LIMIT 1').pluck().all();
      expect(titles).toEqual(['第 100 篇']);
    } finally {
      db.close();
    }
  }, 120_000);
});
