import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ContentIndex } from '@/lib/content/db';
import {
  listPosts,
  listProblems,
  listTerms,
  lookupUrl,
  termName,
  urlForSlug,
} from '@/lib/content/reads';
import { bulkScan, findChangesIn } from '@/lib/content/bulk';
import { readRecovering, scanContent } from '@/lib/content/scan';
import { parse } from '@/lib/workers/content-worker';
import { closeWorkers } from '@/lib/workers/pool';
import {
  contentFixture,
  postText,
  type ContentFixture,
  type PostSpec as Spec,
} from '@/lib/testing/content-fixture';
import type { TermKind } from '@/lib/types';

const NOW = Date.parse('2030-01-01T00:00:00Z');

const cleanups: (() => void)[] = [];

afterEach(() => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function fixture(): ContentFixture {
  const fx = contentFixture();
  cleanups.push(fx.cleanup);
  return fx;
}

type Term = { kind: TermKind; name: string };

/** Every item of every page, walking page 1, 2, … until listPosts says the page does not exist. */
function walkPages(index: ContentIndex, size: number, term?: Term, now = NOW) {
  const items: { path: string; date: number }[] = [];
  const first = listPosts(index, { page: 1, size, now, term });
  if (!first) throw new Error('page 1 does not exist');
  for (let page = 1; page <= first.pages; page++) {
    const got = listPosts(index, { page, size, now, term });
    if (!got) throw new Error(`page ${page} of ${first.pages} does not exist`);
    expect(got.pages).toBe(first.pages);
    expect(got.total).toBe(first.total);
    expect(got.items.length).toBeLessThanOrEqual(size);
    items.push(...got.items.map((p) => ({ path: p.path, date: p.date })));
  }
  expect(listPosts(index, { page: first.pages + 1, size, now, term })).toBeNull();
  return { items, total: first.total, pages: first.pages };
}

function homePaths(index: ContentIndex, now = NOW): string[] {
  return listPosts(index, { page: 1, size: 1000, now })?.items.map((p) => p.path) ?? [];
}

function termPaths(index: ContentIndex, term: Term, now = NOW): string[] | null {
  return listPosts(index, { page: 1, size: 1000, now, term })?.items.map((p) => p.path) ?? null;
}

function count(index: ContentIndex, kind: TermKind, key: string, now = NOW): number {
  return listTerms(index, kind, now).find((t) => t.key === key)?.count ?? 0;
}

describe('cold scan and listing order', () => {
  // 25 visible posts on 4 distinct instants (13 share one), written in a scrambled order.
  const instants = [
    '2024-03-01T10:00:00+08:00',
    '2024-03-01T10:00:00+08:00',
    '2024-03-02T09:30:00+08:00',
    '2024-02-28T23:00:00+08:00',
    '2024-03-01T10:00:00+08:00',
  ];
  const dataset = Array.from({ length: 25 }, (_, i) => {
    const iso = instants[i % instants.length] ?? '';
    const n = (i * 7) % 25;
    return {
      rel: `_posts/${iso.slice(0, 10)}-NW${String(n).padStart(3, '0')}.md`,
      date: Date.parse(iso),
      spec: {
        title: `新闻 ${n}`,
        date: `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0800`,
        categories: n % 3 === 0 ? 'cls' : 'emnews',
        tags: n % 2 === 0 ? '东财滚动新闻 快讯' : '东财滚动新闻',
      },
    };
  });
  const newestFirst = (a: { path: string; date: number }, b: { path: string; date: number }) =>
    b.date - a.date || (a.path < b.path ? 1 : a.path > b.path ? -1 : 0);

  async function build() {
    const fx = fixture();
    for (const d of dataset) fx.write(d.rel, d.spec);
    // Hidden posts that must not appear on any page.
    fx.write('_posts/2099-01-01-future.md', { title: 'future', date: '2099-01-01 10:00:00 +0800' });
    fx.write('_posts/2024-03-01-draft.md', { title: 'draft', extra: ['published: false'] });
    fx.write('_posts/2024-03-05-zz-copy.md', {
      title: 'copy',
      date: '2024-03-05 08:00:00 +0800',
      extra: ['permalink: /cls/2024/03/01/NW000.html'],
    });
    const index = fx.open();
    const report = await scanContent(index);
    return { fx, index, report };
  }

  it('indexes every post on the first scan', async () => {
    const { index, report } = await build();
    expect(report).toMatchObject({ added: 28, changed: 0, removed: 0, scanned: 28 });
    const home = listPosts(index, { page: 1, size: 100, now: NOW });
    expect(home?.total).toBe(25);
    expect(home?.items.map((p) => p.path).sort()).toEqual(dataset.map((d) => d.rel).sort());
    const one = home?.items.find((p) => p.path === '_posts/2024-03-01-NW000.md');
    expect(one).toMatchObject({
      url: '/cls/2024/03/01/NW000.html',
      title: '新闻 0',
      date: Date.parse('2024-03-01T10:00:00+08:00'),
      categories: ['cls'],
      tags: ['东财滚动新闻', '快讯'],
    });
    expect(one?.excerpt).toContain('正文第一句');
  });

  it('lists newest first, ties by path, every post exactly once across pages', async () => {
    const { index } = await build();
    const expected = dataset.map((d) => ({ path: d.rel, date: d.date })).sort(newestFirst);
    const home = walkPages(index, 3);
    expect(home.total).toBe(25);
    expect(home.pages).toBe(9);
    expect(home.items).toEqual(expected);

    const cls = walkPages(index, 3, { kind: 'category', name: 'cls' });
    expect(cls.items).toEqual(
      expected.filter((p) => dataset.find((d) => d.rel === p.path)?.spec.categories === 'cls'),
    );
    expect(cls.total).toBe(9);

    const quick = walkPages(index, 3, { kind: 'tag', name: '快讯' });
    expect(quick.items).toEqual(
      expected.filter((p) => dataset.find((d) => d.rel === p.path)?.spec.tags.includes('快讯')),
    );
    expect(quick.total).toBe(13);

    const all = walkPages(index, 4, { kind: 'tag', name: '东财滚动新闻' });
    expect(all.items).toEqual(expected);
  });

  it('gives the same order whatever order the files were indexed in', async () => {
    const { index } = await build();
    const once = walkPages(index, 3).items;
    const fx = fixture();
    for (const d of [...dataset].reverse()) {
      fx.write(d.rel, d.spec);
      await scanContent(fx.open());
    }
    expect(walkPages(fx.open(), 3).items).toEqual(once);
  });

  it('returns null for page 0, a page past the end and an unknown term', async () => {
    const { index } = await build();
    expect(listPosts(index, { page: 0, size: 3, now: NOW })).toBeNull();
    expect(listPosts(index, { page: -1, size: 3, now: NOW })).toBeNull();
    expect(listPosts(index, { page: 1.5, size: 3, now: NOW })).toBeNull();
    expect(listPosts(index, { page: 9, size: 3, now: NOW })?.items).toHaveLength(1);
    expect(listPosts(index, { page: 10, size: 3, now: NOW })).toBeNull();
    expect(
      listPosts(index, { page: 1, size: 3, now: NOW, term: { kind: 'tag', name: '不存在' } }),
    ).toBeNull();
    expect(
      listPosts(index, { page: 1, size: 3, now: NOW, term: { kind: 'category', name: '快讯' } }),
    ).toBeNull();
    expect(
      listPosts(index, { page: 4, size: 3, now: NOW, term: { kind: 'category', name: 'cls' } }),
    ).toBeNull();
  });
});

describe('incremental scans', () => {
  async function seeded() {
    const fx = fixture();
    fx.write('_posts/2024-03-01-a.md', { title: 'A', categories: 'emnews', tags: '东财滚动新闻' });
    fx.write('_posts/2024-03-02-b.md', {
      title: 'B',
      date: '2024-03-02 10:00:00 +0800',
      categories: 'emnews',
    });
    fx.write('_posts/2024-03-03-c.md', {
      title: 'C',
      date: '2024-03-03 10:00:00 +0800',
      categories: 'cls',
      tags: '快讯',
    });
    const index = fx.open();
    await scanContent(index);
    return { fx, index };
  }

  it('touches nothing when nothing changed', async () => {
    const { index } = await seeded();
    const read = vi.spyOn(fs.promises, 'readFile');
    const report = await scanContent(index);
    expect(report).toMatchObject({ added: 0, changed: 0, removed: 0, scanned: 3, touched: [] });
    expect(read).not.toHaveBeenCalled();
    expect(homePaths(index)).toEqual([
      '_posts/2024-03-03-c.md',
      '_posts/2024-03-02-b.md',
      '_posts/2024-03-01-a.md',
    ]);
  });

  it('reads only a new file', async () => {
    const { fx, index } = await seeded();
    fx.write('_posts/2024-03-04-d.md', {
      title: 'D',
      date: '2024-03-04 10:00:00 +0800',
      categories: 'cls',
    });
    // Edited behind the scanner's back (same size and mtime): a file it re-read would show it.
    const old = fx.abs('_posts/2024-03-01-a.md');
    const stat = fs.statSync(old);
    fs.writeFileSync(old, fs.readFileSync(old, 'utf8').replace('title: A', 'title: Z'));
    fs.utimesSync(old, stat.atime, stat.mtime);
    const report = await scanContent(index);
    expect(report).toMatchObject({
      added: 1,
      changed: 0,
      removed: 0,
      touched: ['_posts/2024-03-04-d.md'],
    });
    expect(
      listPosts(index, { page: 1, size: 10, now: NOW })?.items.map((p) => p.title),
    ).not.toContain('Z');
    expect(homePaths(index)[0]).toBe('_posts/2024-03-04-d.md');
    expect(termPaths(index, { kind: 'category', name: 'cls' })).toEqual([
      '_posts/2024-03-04-d.md',
      '_posts/2024-03-03-c.md',
    ]);
    expect(lookupUrl(index, '/cls/2024/03/04/d.html', NOW)).toEqual({
      kind: 'post',
      path: '_posts/2024-03-04-d.md',
    });
  });

  it('updates a changed file everywhere', async () => {
    const { fx, index } = await seeded();
    const rel = '_posts/2024-03-01-a.md';
    expect(lookupUrl(index, '/emnews/2024/03/01/a.html', NOW)).toEqual({ kind: 'post', path: rel });
    fx.write(rel, { title: 'A, corrected', categories: 'cls', tags: '快讯' });
    const report = await scanContent(index);
    expect(report).toMatchObject({ added: 0, changed: 1, removed: 0, touched: [rel] });

    const home = listPosts(index, { page: 1, size: 10, now: NOW });
    expect(home?.items.find((p) => p.path === rel)).toMatchObject({
      title: 'A, corrected',
      url: '/cls/2024/03/01/a.html',
      categories: ['cls'],
      tags: ['快讯'],
    });
    expect(termPaths(index, { kind: 'category', name: 'emnews' })).toEqual([
      '_posts/2024-03-02-b.md',
    ]);
    expect(termPaths(index, { kind: 'category', name: 'cls' })).toEqual([
      '_posts/2024-03-03-c.md',
      rel,
    ]);
    expect(termPaths(index, { kind: 'tag', name: '快讯' })).toEqual([
      '_posts/2024-03-03-c.md',
      rel,
    ]);
    expect(count(index, 'category', 'emnews')).toBe(1);
    expect(count(index, 'category', 'cls')).toBe(2);
    expect(lookupUrl(index, '/emnews/2024/03/01/a.html', NOW)).toBeNull();
    expect(lookupUrl(index, '/cls/2024/03/01/a.html', NOW)).toEqual({ kind: 'post', path: rel });
  });

  it('sees a change that keeps the size when the modification time moves', async () => {
    const { fx, index } = await seeded();
    const rel = '_posts/2024-03-02-b.md';
    const before = fs.statSync(fx.abs(rel)).size;
    fx.write(rel, { title: 'X', date: '2024-03-02 10:00:00 +0800', categories: 'emnews' });
    expect(fs.statSync(fx.abs(rel)).size).toBe(before);
    expect((await scanContent(index)).changed).toBe(1);
    expect(
      listPosts(index, { page: 1, size: 10, now: NOW })?.items.find((p) => p.path === rel)?.title,
    ).toBe('X');
  });

  it('removes a deleted file from every list, lookup and count', async () => {
    const { fx, index } = await seeded();
    const rel = '_posts/2024-03-03-c.md';
    fx.remove(rel);
    const report = await scanContent(index);
    expect(report).toMatchObject({ added: 0, changed: 0, removed: 1, touched: [rel] });
    expect(homePaths(index)).toEqual(['_posts/2024-03-02-b.md', '_posts/2024-03-01-a.md']);
    expect(listPosts(index, { page: 1, size: 10, now: NOW })?.total).toBe(2);
    expect(termPaths(index, { kind: 'category', name: 'cls' })).toBeNull();
    expect(termPaths(index, { kind: 'tag', name: '快讯' })).toBeNull();
    expect(lookupUrl(index, '/cls/2024/03/03/c.html', NOW)).toBeNull();
    expect(urlForSlug(index, 'c', NOW)).toBeNull();
    expect(listTerms(index, 'category', NOW).map((t) => t.key)).toEqual(['emnews']);
    expect(listTerms(index, 'tag', NOW).map((t) => t.key)).toEqual(['东财滚动新闻']);
    expect(termName(index, 'tag', '快讯', NOW)).toBeNull();
  });

  it('moves a renamed file to its new URL', async () => {
    const { fx, index } = await seeded();
    fs.renameSync(fx.abs('_posts/2024-03-01-a.md'), fx.abs('_posts/2024-03-01-a-renamed.md'));
    const report = await scanContent(index);
    expect(report).toMatchObject({ added: 1, changed: 0, removed: 1 });
    expect(lookupUrl(index, '/emnews/2024/03/01/a.html', NOW)).toBeNull();
    expect(lookupUrl(index, '/emnews/2024/03/01/a-renamed.html', NOW)).toEqual({
      kind: 'post',
      path: '_posts/2024-03-01-a-renamed.md',
    });
    expect(urlForSlug(index, 'a', NOW)).toBeNull();
    expect(urlForSlug(index, 'a-renamed', NOW)).toBe('/emnews/2024/03/01/a-renamed.html');
    expect(homePaths(index)).toEqual([
      '_posts/2024-03-03-c.md',
      '_posts/2024-03-02-b.md',
      '_posts/2024-03-01-a-renamed.md',
    ]);
    expect(count(index, 'category', 'emnews')).toBe(2);
  });

  it('handles add, change and delete of the paths a restricted scan is given, and only those', async () => {
    const { fx, index } = await seeded();
    const added = fx.write('_posts/2024-03-05-e.md', {
      title: 'E',
      date: '2024-03-05 10:00:00 +0800',
    });
    const other = fx.write('_posts/2024-03-06-f.md', {
      title: 'F',
      date: '2024-03-06 10:00:00 +0800',
    });
    expect(await scanContent(index, [added])).toMatchObject({
      added: 1,
      changed: 0,
      removed: 0,
      touched: [added],
    });
    expect(homePaths(index)).toEqual([
      added,
      '_posts/2024-03-03-c.md',
      '_posts/2024-03-02-b.md',
      '_posts/2024-03-01-a.md',
    ]);

    fx.write(added, { title: 'E2', date: '2024-03-05 10:00:00 +0800', categories: 'cls' });
    expect(await scanContent(index, [added])).toMatchObject({ added: 0, changed: 1, removed: 0 });
    expect(termPaths(index, { kind: 'category', name: 'cls' })).toEqual([
      added,
      '_posts/2024-03-03-c.md',
    ]);
    expect(lookupUrl(index, '/cls/2024/03/05/e.html', NOW)).toEqual({ kind: 'post', path: added });

    fx.remove('_posts/2024-03-02-b.md');
    expect(await scanContent(index, ['_posts/2024-03-02-b.md'])).toMatchObject({
      added: 0,
      changed: 0,
      removed: 1,
    });
    expect(homePaths(index)).toEqual([added, '_posts/2024-03-03-c.md', '_posts/2024-03-01-a.md']);
    expect(lookupUrl(index, '/emnews/2024/03/02/b.html', NOW)).toBeNull();

    expect(homePaths(index)).not.toContain(other);
    expect(await scanContent(index)).toMatchObject({
      added: 1,
      changed: 0,
      removed: 0,
      touched: [other],
    });
  });

  it('a restricted scan ignores files a full scan would not index', async () => {
    const { fx, index } = await seeded();
    const outside = fx.write('about.md', { title: 'About' });
    const underscored = fx.write('_posts/_2024-03-07-hidden.md', { title: 'Hidden' });
    const tilde = fx.writeRaw('_posts/2024-03-07-backup.md~', postText({ title: 'Backup' }));
    const escape = '../outside.md';
    fs.writeFileSync(path.join(fx.root, 'outside.md'), postText({ title: 'Escape' }));
    const report = await scanContent(index, [outside, underscored, tilde, escape]);
    expect(report).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(homePaths(index)).toHaveLength(3);
    expect(listProblems(index)).toEqual([]);
    expect(await scanContent(index)).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it('indexes posts in sub-folders of _posts', async () => {
    const fx = fixture();
    fx.write('_posts/2024-03-01-good.md', { title: 'Good' });
    fs.mkdirSync(fx.abs('_posts/2024-03-02-folder.md'));
    fx.write('_posts/2024-03-02-folder.md/2024-03-02-inside.md', { title: 'Inside' });
    const index = fx.open();
    await scanContent(index);
    expect(homePaths(index).sort()).toEqual([
      '_posts/2024-03-01-good.md',
      '_posts/2024-03-02-folder.md/2024-03-02-inside.md',
    ]);
  });
});

describe('a folder that cannot be read', () => {
  // As root, permissions do not stop a read: the failure is simulated where the walker opens a
  // folder. The walker runs in a worker thread in the server; here its functions run in-process.
  function failOpening(folder: string) {
    const opendir = fs.opendirSync.bind(fs);
    vi.spyOn(fs, 'opendirSync').mockImplementation(((
      dir: fs.PathLike,
      opts?: fs.OpenDirOptions,
    ) => {
      if (String(dir) === folder) {
        throw Object.assign(new Error(`EACCES: permission denied, opendir '${folder}'`), {
          code: 'EACCES',
        });
      }
      return opendir(dir, opts);
    }) as typeof fs.opendirSync);
  }

  async function threeFolders() {
    const fx = fixture();
    fx.write('_posts/2024-03-01-top.md', { title: 'Top' });
    fx.write('_posts/wire/2024-03-02-a.md', { title: 'A', date: '2024-03-02 10:00:00 +0800' });
    fx.write('_posts/wire/deep/2024-03-03-b.md', { title: 'B', date: '2024-03-03 10:00:00 +0800' });
    const index = await fx.scanned();
    expect(homePaths(index)).toHaveLength(3);
    return { fx, index };
  }

  it('keeps its posts, reports it, and picks it up again once it reads', async () => {
    const { fx, index } = await threeFolders();
    failOpening(fx.abs('_posts/wire'));
    fx.write('_posts/2024-03-04-new.md', { title: 'New', date: '2024-03-04 10:00:00 +0800' });

    const changes = findChangesIn(index.db, fx.contentDir);
    expect(changes.files).toEqual(['_posts/2024-03-04-new.md']);
    expect(changes.unreadable).toEqual([
      expect.objectContaining({
        file: '_posts/wire',
        severity: 'error',
        message: expect.stringContaining('EACCES'),
      }),
    ]);
    vi.restoreAllMocks();
    await scanContent(index, changes.files ?? []);
    expect(homePaths(index)).toEqual([
      '_posts/2024-03-04-new.md',
      '_posts/wire/deep/2024-03-03-b.md',
      '_posts/wire/2024-03-02-a.md',
      '_posts/2024-03-01-top.md',
    ]);

    fx.remove('_posts/wire/2024-03-02-a.md');
    expect(await scanContent(index)).toMatchObject({ removed: 1, unreadable: [] });
    expect(homePaths(index)).toHaveLength(3);
  });

  it('keeps its posts in a bulk scan too', async () => {
    const { fx, index } = await threeFolders();
    failOpening(fx.abs('_posts/wire'));
    const report = await bulkScan(index.db, fx.contentDir, 'Asia/Shanghai', async (files) =>
      parse({
        contentDir: fx.contentDir,
        files,
        timeZone: 'Asia/Shanghai',
        aliasZones: [],
        text: 'lead',
      }),
    );
    expect(report).toMatchObject({
      removed: 0,
      unreadable: [expect.objectContaining({ file: '_posts/wire' })],
    });
    expect(homePaths(index)).toHaveLength(3);
  });
});

describe('the index file', () => {
  async function seeded() {
    const fx = fixture();
    for (let i = 1; i <= 40; i++) {
      fx.write(`_posts/2024-03-01-n${i}.md`, {
        title: `N${i}`,
        body: `<p>${'长文本。'.repeat(200)}</p>`,
      });
    }
    const index = fx.open();
    await scanContent(index);
    index.db.close();
    // The scanning thread's own connection too: the file is then whole, with no journal beside it.
    await closeWorkers();
    return fx;
  }

  it('creates a missing file, and its folder', async () => {
    const fx = fixture();
    fx.write('_posts/2024-03-01-a.md', { title: 'A' });
    expect(fs.existsSync(fx.dbFile)).toBe(false);
    const index = fx.open();
    expect(fs.existsSync(fx.dbFile)).toBe(true);
    expect((await scanContent(index)).added).toBe(1);
    expect(homePaths(index)).toEqual(['_posts/2024-03-01-a.md']);
  });

  it('keeps a healthy file: reopening reads the rows without rescanning', async () => {
    const fx = await seeded();
    const index = fx.open();
    expect(listPosts(index, { page: 1, size: 5, now: NOW })?.total).toBe(40);
    expect(await scanContent(index)).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it('rebuilds a file of garbage', async () => {
    const fx = await seeded();
    fs.writeFileSync(
      fx.dbFile,
      Buffer.from('this is not a database, just some bytes '.repeat(200)),
    );
    const index = fx.open();
    expect(await scanContent(index)).toMatchObject({ added: 40, removed: 0 });
    expect(listPosts(index, { page: 1, size: 5, now: NOW })?.total).toBe(40);
  });

  it('rebuilds a truncated file', async () => {
    const fx = await seeded();
    const size = fs.statSync(fx.dbFile).size;
    expect(size).toBeGreaterThan(64 * 1024);
    fs.truncateSync(fx.dbFile, Math.floor(size / 2));
    const index = fx.open();
    expect(await scanContent(index)).toMatchObject({ added: 40, removed: 0 });
    expect(walkPages(index, 7).items).toHaveLength(40);
  });

  /** Overwrites every page from the root page of `table` to the end, leaving the header and `meta` intact. */
  function damageFrom(file: string, table: string) {
    const raw = new Database(file);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const root = raw
      .prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?')
      .pluck()
      .get(table) as number;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    expect(fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    const size = fs.statSync(file).size;
    const start = (root - 1) * pageSize;
    expect(start).toBeGreaterThan(pageSize);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(size - start, 0x5a), 0, size - start, start);
    fs.closeSync(fd);
  }

  it('rebuilds a file damaged where the scan reads', async () => {
    const fx = await seeded();
    damageFrom(fx.dbFile, 'files');
    const index = fx.open();
    expect(await scanContent(index)).toMatchObject({ added: 40, removed: 0 });
    expect(walkPages(index, 7).items).toHaveLength(40);
    expect(await scanContent(index)).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it('rebuilds a file damaged where only readers look, on the first read', async () => {
    const fx = await seeded();
    damageFrom(fx.dbFile, 'posts');
    const index = fx.open();
    expect((await readRecovering(index, () => walkPages(index, 7))).items).toHaveLength(40);
    expect(lookupUrl(index, '/emnews/2024/03/01/n1.html', NOW)).toEqual({
      kind: 'post',
      path: '_posts/2024-03-01-n1.md',
    });
    expect(await scanContent(index)).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it('rebuilds a file of another schema version', async () => {
    const fx = await seeded();
    const raw = new Database(fx.dbFile);
    raw.prepare("UPDATE meta SET value = 'old' WHERE key = 'schema'").run();
    raw.close();
    const index = fx.open();
    expect(listPosts(index, { page: 1, size: 5, now: NOW })?.total).toBe(0);
    expect(await scanContent(index)).toMatchObject({ added: 40 });
    expect(index.db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get()).not.toBe(
      'old',
    );
  });

  it('rebuilds a file built for another content folder', async () => {
    const fx = await seeded();
    const otherDir = path.join(fx.root, 'other');
    fs.mkdirSync(path.join(otherDir, '_posts'), { recursive: true });
    fs.writeFileSync(
      path.join(otherDir, '_posts', '2024-05-01-only.md'),
      postText({ title: 'Only' }),
    );
    const index = fx.open(otherDir);
    expect(listPosts(index, { page: 1, size: 5, now: NOW })?.total).toBe(0);
    expect(await scanContent(index)).toMatchObject({ added: 1, removed: 0 });
    expect(homePaths(index)).toEqual(['_posts/2024-05-01-only.md']);
  });

  it('rebuilds a file built for another time zone', async () => {
    const fx = await seeded();
    const index = fx.open(fx.contentDir, fx.dbFile, 'UTC');
    expect(listPosts(index, { page: 1, size: 5, now: NOW })?.total).toBe(0);
    expect((await scanContent(index)).added).toBe(40);
  });
});

describe('visibility', () => {
  it('never shows an unpublished post', async () => {
    const fx = fixture();
    fx.write('_posts/2024-03-01-a.md', { title: 'A' });
    fx.write('_posts/2024-03-02-draft.md', {
      title: 'Draft',
      date: '2024-03-02 10:00:00 +0800',
      categories: 'cls',
      tags: '草稿',
      extra: ['published: false'],
    });
    const index = fx.open();
    await scanContent(index);
    expect(homePaths(index)).toEqual(['_posts/2024-03-01-a.md']);
    expect(lookupUrl(index, '/cls/2024/03/02/draft.html', NOW)).toBeNull();
    expect(urlForSlug(index, 'draft', NOW)).toBeNull();
    expect(termPaths(index, { kind: 'category', name: 'cls' })).toBeNull();
    expect(listTerms(index, 'tag', NOW).map((t) => t.name)).toEqual(['东财滚动新闻']);
    expect(termName(index, 'tag', '草稿', NOW)).toBeNull();

    fx.write('_posts/2024-03-02-draft.md', {
      title: 'Draft',
      date: '2024-03-02 10:00:00 +0800',
      categories: 'cls',
    });
    await scanContent(index);
    expect(lookupUrl(index, '/cls/2024/03/02/draft.html', NOW)).toEqual({
      kind: 'post',
      path: '_posts/2024-03-02-draft.md',
    });
  });

  it('hides a future post until its time comes', async () => {
    const fx = fixture();
    fx.write('_posts/2024-03-01-a.md', { title: 'A' });
    fx.write('_posts/2099-01-01-later.md', {
      title: 'Later',
      date: '2099-01-01 08:00:00 +0800',
      tags: '预告',
    });
    const index = fx.open();
    await scanContent(index);
    const at = Date.parse('2099-01-01T08:00:00+08:00');
    const url = '/emnews/2099/01/01/later.html';

    expect(homePaths(index, at - 1)).toEqual(['_posts/2024-03-01-a.md']);
    expect(lookupUrl(index, url, at - 1)).toBeNull();
    expect(urlForSlug(index, 'later', at - 1)).toBeNull();
    expect(termPaths(index, { kind: 'tag', name: '预告' }, at - 1)).toBeNull();
    expect(count(index, 'category', 'emnews', at - 1)).toBe(1);
    expect(termName(index, 'tag', '预告', at - 1)).toBeNull();

    expect(homePaths(index, at)).toEqual(['_posts/2099-01-01-later.md', '_posts/2024-03-01-a.md']);
    expect(lookupUrl(index, url, at)).toEqual({ kind: 'post', path: '_posts/2099-01-01-later.md' });
    expect(urlForSlug(index, 'later', at)).toBe(url);
    expect(termPaths(index, { kind: 'tag', name: '预告' }, at)).toEqual([
      '_posts/2099-01-01-later.md',
    ]);
    expect(count(index, 'category', 'emnews', at)).toBe(2);
    expect(termName(index, 'tag', '预告', at)).toBe('预告');
  });

  describe('two posts with one permalink', () => {
    const url = '/same/url.html';
    const first = '_posts/2024-03-01-first.md';
    const second = '_posts/2024-03-02-second.md';

    async function servedIn(order: string[]) {
      const fx = fixture();
      const index = fx.open();
      const specs: Record<string, Spec> = {
        [first]: {
          title: 'First',
          date: '2024-03-01 10:00:00 +0800',
          extra: [`permalink: ${url}`],
        },
        [second]: {
          title: 'Second',
          date: '2024-03-02 10:00:00 +0800',
          extra: [`permalink: ${url}`],
        },
      };
      for (const rel of order) {
        fx.write(rel, specs[rel]);
        await scanContent(index);
      }
      return { fx, index };
    }

    it('serves the file whose path sorts first, whatever the order they arrived in', async () => {
      for (const order of [
        [first, second],
        [second, first],
      ]) {
        const { index } = await servedIn(order);
        expect(lookupUrl(index, url, NOW)).toEqual({ kind: 'post', path: first });
        expect(homePaths(index)).toEqual([first]);
        expect(termPaths(index, { kind: 'category', name: 'emnews' })).toEqual([first]);
        expect(count(index, 'tag', '东财滚动新闻')).toBe(1);
        expect(urlForSlug(index, 'second', NOW)).toBeNull();
      }
    });

    it('serves the other again when the winner is deleted', async () => {
      const { fx, index } = await servedIn([first, second]);
      fx.remove(first);
      await scanContent(index);
      expect(lookupUrl(index, url, NOW)).toEqual({ kind: 'post', path: second });
      expect(homePaths(index)).toEqual([second]);
      expect(urlForSlug(index, 'second', NOW)).toBe(url);
    });

    it('serves the other again when the winner moves to another URL', async () => {
      const { fx, index } = await servedIn([first, second]);
      fx.write(first, { title: 'First', date: '2024-03-01 10:00:00 +0800' });
      await scanContent(index, [first]);
      expect(lookupUrl(index, url, NOW)).toEqual({ kind: 'post', path: second });
      expect(homePaths(index)).toEqual([second, first]);
    });

    it('a scheduled post does not take a live one offline before its time', async () => {
      const fx = fixture();
      fx.write('_posts/2024-03-02-live.md', { title: 'Live', extra: [`permalink: ${url}`] });
      fx.write('_posts/2024-01-01-scheduled.md', {
        title: 'Scheduled',
        date: '2099-01-01 10:00:00 +0800',
        extra: [`permalink: ${url}`],
      });
      const index = fx.open();
      await scanContent(index);
      expect(lookupUrl(index, url, NOW)).toEqual({
        kind: 'post',
        path: '_posts/2024-03-02-live.md',
      });
      expect(homePaths(index)).toEqual(['_posts/2024-03-02-live.md']);
      const later = Date.parse('2099-01-02T00:00:00Z');
      expect(lookupUrl(index, url, later)).toEqual({
        kind: 'post',
        path: '_posts/2024-01-01-scheduled.md',
      });
      expect(homePaths(index, later)).toEqual(['_posts/2024-01-01-scheduled.md']);
    });
  });
});

describe('lookups and taxonomies', () => {
  it('redirects the old Jekyll URL of a zone-less evening post to its URL', async () => {
    const fx = fixture();
    fx.write('_posts/2021-12-08-NW1.md', { title: 'Evening', date: '2021-12-08 17:00:00' });
    fx.write('_posts/2021-12-08-NW2.md', { title: 'Afternoon', date: '2021-12-08 15:00:00' });
    const index = fx.open();
    await scanContent(index);
    expect(lookupUrl(index, '/emnews/2021/12/08/NW1.html', NOW)).toEqual({
      kind: 'post',
      path: '_posts/2021-12-08-NW1.md',
    });
    expect(lookupUrl(index, '/emnews/2021/12/09/NW1.html', NOW)).toEqual({
      kind: 'redirect',
      url: '/emnews/2021/12/08/NW1.html',
    });
    expect(lookupUrl(index, '/emnews/2021/12/09/NW1.html/', NOW)).toEqual({
      kind: 'redirect',
      url: '/emnews/2021/12/08/NW1.html',
    });
    expect(lookupUrl(index, '/emnews/2021/12/08/NW2.html', NOW)).toEqual({
      kind: 'post',
      path: '_posts/2021-12-08-NW2.md',
    });
    expect(lookupUrl(index, '/emnews/2021/12/09/NW2.html', NOW)).toBeNull();
  });

  it('finds a post by its slug', async () => {
    const fx = fixture();
    fx.write('_posts/2024-03-01-NW3001.md', { title: 'A', categories: 'cls' });
    fx.write('_posts/2024-03-02-other.md', { title: 'B', extra: ['slug: custom-slug'] });
    const index = fx.open();
    await scanContent(index);
    expect(urlForSlug(index, 'NW3001', NOW)).toBe('/cls/2024/03/01/NW3001.html');
    expect(urlForSlug(index, 'custom-slug', NOW)).toBe('/emnews/2024/03/01/custom-slug.html');
    expect(urlForSlug(index, 'NW9999', NOW)).toBeNull();
  });

  it('counts posts per category and tag, case-insensitively, visible posts only', async () => {
    const fx = fixture();
    fx.write('_posts/2024-03-01-a.md', { categories: 'EMNews', tags: '东财滚动新闻 快讯' });
    fx.write('_posts/2024-03-01-b.md', { categories: 'emnews', tags: '东财滚动新闻' });
    fx.write('_posts/2024-03-01-c.md', { categories: 'cls', tags: '东财滚动新闻 Fed' });
    fx.write('_posts/2024-03-01-d.md', { categories: 'cls', tags: 'fed' });
    fx.write('_posts/2024-03-01-e.md', {
      categories: 'hidden',
      tags: '快讯',
      extra: ['published: false'],
    });
    fx.write('_posts/2099-03-01-f.md', {
      date: '2099-03-01 10:00:00 +0800',
      categories: 'emnews',
      tags: '快讯',
    });
    const index = fx.open();
    await scanContent(index);

    expect(listTerms(index, 'category', NOW).map(({ key, count }) => ({ key, count }))).toEqual([
      { key: 'cls', count: 2 },
      { key: 'emnews', count: 2 },
    ]);
    expect(listTerms(index, 'tag', NOW).map(({ key, count }) => ({ key, count }))).toEqual([
      { key: '东财滚动新闻', count: 3 },
      { key: 'fed', count: 2 },
      { key: '快讯', count: 1 },
    ]);
    const emnews = listTerms(index, 'category', NOW).find((t) => t.key === 'emnews');
    expect(['EMNews', 'emnews']).toContain(emnews?.name);
    expect(termName(index, 'category', 'EMNEWS', NOW)).toBe(emnews?.name);
    expect(termName(index, 'category', 'emnews', NOW)).toBe(emnews?.name);
    expect(termName(index, 'tag', '东财滚动新闻', NOW)).toBe('东财滚动新闻');
    expect(termName(index, 'category', 'hidden', NOW)).toBeNull();
    expect(termName(index, 'tag', 'nope', NOW)).toBeNull();
    expect(termPaths(index, { kind: 'category', name: 'EMNEWS' })).toEqual([
      '_posts/2024-03-01-b.md',
      '_posts/2024-03-01-a.md',
    ]);
    expect(termPaths(index, { kind: 'tag', name: 'FED' })).toEqual([
      '_posts/2024-03-01-d.md',
      '_posts/2024-03-01-c.md',
    ]);
  });
});

describe('a change of time zone', () => {
  // 00:15 Beijing on 22 November is 16:15 UTC on the 21st: the zone decides the URL's date.
  const beijing = '/emnews/2026/11/22/late.html';
  const utc = '/emnews/2026/11/21/late.html';
  const rel = '_posts/2026-11-22-late.md';

  it('keeps the URLs the index was built with answering, as redirects to the new ones', async () => {
    const fx = fixture();
    fx.write(rel, { title: 'Late', date: '2026-11-22 00:15:00 +0800' });
    const before = fx.open();
    await scanContent(before);
    expect(lookupUrl(before, beijing, NOW)).toEqual({ kind: 'post', path: rel });
    before.db.close();

    const after = fx.open(fx.contentDir, fx.dbFile, 'UTC');
    expect(after.aliasZones).toEqual(['Asia/Shanghai']);
    await scanContent(after);
    expect(lookupUrl(after, utc, NOW)).toEqual({ kind: 'post', path: rel });
    expect(lookupUrl(after, beijing, NOW)).toEqual({ kind: 'redirect', url: utc });
    // Reopened in the same zone, the file is kept and still knows the former zone.
    after.db.close();
    const again = fx.open(fx.contentDir, fx.dbFile, 'UTC');
    expect((await scanContent(again)).added).toBe(0);
    expect(lookupUrl(again, beijing, NOW)).toEqual({ kind: 'redirect', url: utc });
  });

  it('answers the URLs of the zones it is told of, on a fresh index too', async () => {
    const fx = fixture();
    fx.write(rel, { title: 'Late', date: '2026-11-22 00:15:00 +0800' });
    const index = fx.open(fx.contentDir, fx.dbFile, 'UTC', ['Asia/Shanghai']);
    await scanContent(index);
    expect(lookupUrl(index, beijing, NOW)).toEqual({ kind: 'redirect', url: utc });
    expect(lookupUrl(index, '/emnews/2026/11/23/late.html', NOW)).toBeNull();
  });
});

describe('problems', () => {
  it('records bad files with file and line, errors first, and keeps scanning', async () => {
    const fx = fixture();
    fx.write('_posts/2024-03-01-good.md', { title: 'Good' });
    fx.writeRaw(
      '_posts/2024-03-02-bad-yaml.md',
      '---\nlayout: post\ntitle: "他说 "涨" 了"\ndate: 2024-03-02 10:00:00 +0800\n---\n<p>x</p>\n',
    );
    fx.writeRaw('_posts/2024-03-03-no-front-matter.md', '<p>只有正文</p>\n');
    fx.writeRaw('_posts/notes.md', postText({ title: 'Notes' }));
    fx.writeRaw(
      '_posts/2024-03-04-no-date.md',
      '---\ntitle: "No date"\ncategories: emnews\n---\n<p>y</p>\n',
    );
    fx.writeRaw(
      '_posts/2024-03-05-no-title.md',
      '---\ndate: 2024-03-05 10:00:00 +0800\ncategories: emnews\n---\n<p>标题来自正文。后面</p>\n',
    );
    const index = fx.open();
    const report = await scanContent(index);
    expect(report.scanned).toBe(6);

    expect(homePaths(index).sort()).toEqual([
      '_posts/2024-03-01-good.md',
      '_posts/2024-03-04-no-date.md',
      '_posts/2024-03-05-no-title.md',
    ]);
    const problems = listProblems(index);
    const rank = { error: 0, warning: 1, note: 2 } as const;
    const ranks = problems.map((p) => rank[p.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(problems.map((p) => [p.severity, p.file, p.line])).toEqual([
      ['error', '_posts/2024-03-02-bad-yaml.md', 3],
      ['error', '_posts/2024-03-03-no-front-matter.md', 1],
      ['warning', '_posts/2024-03-04-no-date.md', 1],
      ['warning', '_posts/notes.md', 1],
      ['note', '_posts/2024-03-05-no-title.md', 1],
    ]);
    expect(problems[0]?.message).toMatch(/YAML/);

    fx.write('_posts/2024-03-02-bad-yaml.md', {
      title: 'Fixed',
      date: '2024-03-02 10:00:00 +0800',
    });
    fx.remove('_posts/notes.md');
    await scanContent(index);
    expect(listProblems(index).map((p) => p.file)).toEqual([
      '_posts/2024-03-03-no-front-matter.md',
      '_posts/2024-03-04-no-date.md',
      '_posts/2024-03-05-no-title.md',
    ]);
    expect(lookupUrl(index, '/emnews/2024/03/02/bad-yaml.html', NOW)).toEqual({
      kind: 'post',
      path: '_posts/2024-03-02-bad-yaml.md',
    });
  });
});

describe('two handles on one file', () => {
  it('one process scans, the other reads what it wrote', async () => {
    const fx = fixture();
    fx.write('_posts/2024-03-01-a.md', { title: 'A' });
    const writer = fx.open();
    const reader = fx.open();
    expect(homePaths(reader)).toEqual([]);

    await scanContent(writer);
    expect(homePaths(reader)).toEqual(['_posts/2024-03-01-a.md']);
    expect(lookupUrl(reader, '/emnews/2024/03/01/a.html', NOW)).toEqual({
      kind: 'post',
      path: '_posts/2024-03-01-a.md',
    });

    fx.write('_posts/2024-03-02-b.md', { title: 'B', date: '2024-03-02 10:00:00 +0800' });
    fx.remove('_posts/2024-03-01-a.md');
    await scanContent(writer);
    expect(homePaths(reader)).toEqual(['_posts/2024-03-02-b.md']);

    // The reader's own scan finds nothing left to do: the work is shared through the file.
    expect(await scanContent(reader)).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(writer.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('a second process opening an existing index keeps it', async () => {
    const fx = fixture();
    fx.write('_posts/2024-03-01-a.md', { title: 'A' });
    const first = fx.open();
    await scanContent(first);
    const second = fx.open();
    expect(homePaths(second)).toEqual(['_posts/2024-03-01-a.md']);
    fx.write('_posts/2024-03-02-b.md', { title: 'B', date: '2024-03-02 10:00:00 +0800' });
    await scanContent(second);
    expect(homePaths(first)).toEqual(['_posts/2024-03-02-b.md', '_posts/2024-03-01-a.md']);
  });
});
