// What the benchmark reads of an index and does to a running server, loopback only: the
// archive's facts and queues, uncached articles, publishing a post until its pages show it,
// search. Each returns plain figures for the report (overload: overload.mjs; lists: pages.mjs).
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import Database from 'better-sqlite3';

import { writePost } from './archive.mjs';
import { percentile, timedGet } from './http.mjs';

/** Percent-encodes a decoded URL path segment by segment, as the site writes its links. */
export const href = (url) => url.split('/').map(encodeURIComponent).join('/');

/** Posts the benchmark wrote (NWBENCH…): never among the archive's own pages it loads. */
const ADDED_URL = /\/NW[A-Z][^/]*$/;

/** Runs `query` on a read-only handle of the index file. */
export function readIndex(indexFile, query) {
  const db = new Database(indexFile, { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

/**
 * What the index holds: the archive's visible article URLs newest first, its titles, categories
 * and tags by use (with their URL key), the newest post's day and how many posts are visible.
 */
export function archiveFacts(indexFile, now = Date.now()) {
  return readIndex(indexFile, (db) => {
    const urls = db
      .prepare(
        'SELECT url FROM posts WHERE date <= ? AND shadowed_from IS NULL ORDER BY date DESC, path DESC',
      )
      .pluck()
      .all(now)
      .filter((url) => !ADDED_URL.test(url));
    const terms = (kind) =>
      db
        .prepare('SELECT name, key, n AS count FROM term_totals WHERE kind = ? ORDER BY n DESC')
        .all(kind);
    const titles = db.prepare('SELECT title FROM posts ORDER BY id LIMIT 2000').pluck().all();
    const newestDay = db
      .prepare('SELECT day FROM posts WHERE date <= ? ORDER BY date DESC LIMIT 1')
      .pluck()
      .get(now);
    return { urls, titles, categories: terms('category'), tags: terms('tag'), newestDay };
  });
}

/** The oldest visible article's URL: one nothing has asked for at a cold start. */
export function oldestUrl(indexFile, now = Date.now()) {
  return readIndex(indexFile, (db) =>
    db
      .prepare(
        'SELECT url FROM posts WHERE date <= ? AND shadowed_from IS NULL ORDER BY date, path LIMIT 1',
      )
      .pluck()
      .get(now),
  );
}

/** How many posts wait for their text and search entry, and for their render; null if unknown. */
export function queues(indexFile) {
  try {
    return readIndex(indexFile, (db) => ({
      texts: db.prepare('SELECT COUNT(*) FROM text_queue').pluck().get(),
      renders: db.prepare('SELECT COUNT(*) FROM render_queue').pluck().get(),
    }));
  } catch {
    return null;
  }
}

/**
 * The index's size: what its file holds once the write-ahead log is checkpointed (its pages
 * as a reader sees them now), and the files on disk as they are (the file and its log).
 */
export function indexSize(indexFile) {
  const onDisk = ['', '-wal'].reduce((sum, suffix) => {
    try {
      return sum + fs.statSync(indexFile + suffix).size;
    } catch {
      return sum;
    }
  }, 0);
  try {
    const pages = readIndex(indexFile, (db) => ({
      count: db.pragma('page_count', { simple: true }),
      size: db.pragma('page_size', { simple: true }),
      free: db.pragma('freelist_count', { simple: true }),
    }));
    return { bytes: pages.count * pages.size, freeBytes: pages.free * pages.size, onDisk };
  } catch {
    return { bytes: null, onDisk };
  }
}

export function summary(values) {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : null,
  };
}

/** A category's or tag's list page, as the site links it (lib/terms.ts). */
export function termPath(kind, name, page = 1) {
  const slug = kind === 'category' ? name.toLowerCase() : name;
  const base = `/${kind}/${encodeURIComponent(slug)}`;
  return page > 1 ? `${base}/page/${page}` : base;
}

/** First requests of `count` articles nothing has rendered yet, one at a time. */
export async function uncachedRenders(base, urls, count) {
  const times = [];
  const statuses = {};
  for (const url of urls.slice(0, count)) {
    const r = await timedGet(base, href(url), { timeoutMs: 60_000 }).catch(() => ({ status: 0 }));
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status === 200) times.push(r.ms);
  }
  return { ...summary(times), failed: Math.min(count, urls.length) - times.length, statuses };
}

/** Signed-by-token publish of files, as a git host's script would call it: status and time. */
export async function publishTimed(base, token, files) {
  const started = performance.now();
  const response = await fetch(`${base}/api/revalidate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ files }),
  });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, text };
}

/** Publishes, or throws with the server's answer. */
export async function publish(base, token, files) {
  const r = await publishTimed(base, token, files);
  if (r.status !== 200) throw new Error(`publishing answered ${r.status}: ${r.text.slice(0, 300)}`);
  return r;
}

/**
 * Polls until every page of `pages` on `base` answers 200 showing `text`: ms since `started`
 * when each did (they are polled in turn; a page that never does fails after `limitMs`).
 */
export async function untilShown(base, pages, text, started, limitMs = 60_000) {
  const at = {};
  for (const page of pages) {
    for (;;) {
      const r = await timedGet(base, page, { keepBody: true, useAgent: false }).catch(() => null);
      if (r?.status === 200 && r.body.toString().includes(text)) break;
      if (performance.now() - started > limitMs)
        throw new Error(`${base}${page} did not show ${text} within ${limitMs / 1000} s`);
      await sleep(20);
    }
    at[page] = performance.now() - started;
  }
  return at;
}

/**
 * Whether this build serves day pages (`/YYYY/MM/DD`): the newest post's day must answer 200.
 * Null when it does, else why not.
 */
export async function noDayPages(base, facts) {
  const d = String(facts.newestDay ?? '');
  if (d.length !== 8) return 'the index names no day for its newest post';
  const page = `/${d.slice(0, 4)}/${d.slice(4, 6)}/${d.slice(6)}`;
  const r = await timedGet(base, page, { useAgent: false }).catch((e) => ({ status: e.message }));
  return r.status === 200 ? null : `${page} (a day with posts) answered ${r.status}: no day pages`;
}

/**
 * From a new file to its article, home, category and day page serving it (each round's time
 * until the last of them; `rounds` rounds). Without day pages, the others, saying so.
 */
export async function newPostLive(base, contentDir, token, { rounds = 3, facts } = {}) {
  const noDays = facts ? await noDayPages(base, facts) : 'not asked for';
  const times = [];
  const pages = [];
  for (let i = 0; i < rounds; i++) {
    const slug = `NWBENCH${Date.now()}${i}`;
    const started = performance.now();
    const post = writePost(contentDir, slug, `<p>新文章 ${slug} 的正文。</p>`, `新文章 ${slug}`);
    await publish(base, token, [post.rel]);
    const wanted = [href(post.url), '/', termPath('category', post.category)];
    if (!noDays) wanted.push(post.day);
    const at = await untilShown(base, wanted, slug, started);
    pages.push(Object.fromEntries(Object.entries(at).map(([page, ms]) => [page, Math.round(ms)])));
    times.push(Math.max(...Object.values(at)));
  }
  return { ...summary(times), rounds, dayPages: noDays ?? 'served', pages };
}

/** Search over HTTP for terms taken from the archive's titles, one at a time. */
export async function searchLatency(base, titles, count = 200) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const title = Array.from(titles[(i * 7919) % titles.length] ?? '新能源');
    const at = (i * 31) % Math.max(1, title.length - 3);
    const term = title.slice(at, at + 2 + (i % 3)).join('');
    const r = await timedGet(base, `/search?q=${encodeURIComponent(term)}`, { timeoutMs: 30_000 });
    if (r.status === 200) times.push(r.ms);
  }
  return summary(times);
}
