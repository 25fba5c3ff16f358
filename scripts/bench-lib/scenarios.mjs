// What the benchmark does to a running server, loopback only: uncached renders, a crawl of the
// whole archive with the server's memory sampled, publishing a post, a hostile body while other
// pages are timed, search. Each returns plain figures for the report.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import Database from 'better-sqlite3';

import { hostileBody, writePost } from './archive.mjs';
import { percentile, timedGet } from './http.mjs';
import { treeRss } from './proc.mjs';

/** Percent-encodes a decoded URL path segment by segment, as the site writes its links. */
export const href = (url) => url.split('/').map(encodeURIComponent).join('/');

/** What the index holds: visible article URLs newest first, categories and tags by use. */
export function archiveFacts(indexFile, now = Date.now()) {
  const db = new Database(indexFile, { readonly: true, fileMustExist: true });
  try {
    const urls = db
      .prepare('SELECT url FROM posts WHERE date <= ? ORDER BY date DESC, path DESC')
      .pluck()
      .all(now);
    const terms = (kind) =>
      db
        .prepare(
          'SELECT MIN(name) AS name, COUNT(*) AS count FROM terms WHERE kind = ? GROUP BY key ORDER BY count DESC',
        )
        .all(kind);
    const titles = db.prepare('SELECT title FROM posts ORDER BY rowid LIMIT 2000').pluck().all();
    return { urls, titles, categories: terms('category'), tags: terms('tag') };
  } finally {
    db.close();
  }
}

/** How many posts still wait for the full-text index. */
export function searchPending(indexFile) {
  const db = new Database(indexFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get();
  } catch {
    return null;
  } finally {
    db.close();
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

/** First requests of `count` articles nothing has rendered yet, one at a time. */
export async function uncachedRenders(base, urls, count) {
  const times = [];
  let failed = 0;
  for (const url of urls.slice(0, count)) {
    const r = await timedGet(base, href(url), { timeoutMs: 60_000 });
    if (r.status === 200) times.push(r.ms);
    else failed++;
  }
  return { ...summary(times), failed };
}

/**
 * Every article once, `concurrency` at a time, the server's memory (its whole process group)
 * sampled every `every` requests; the verdict needs the last sample and the second half's growth.
 */
export async function crawl(base, urls, { serverPid, concurrency = 4, every = 1000, log }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples = [{ requests: 0, rss: treeRss(serverPid) }];
  let next = 0;
  let done = 0;
  let failed = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const r = await new Promise((resolve) => {
        http
          .get(new URL(href(url), base), { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          })
          .on('error', () => resolve(0));
      });
      if (r !== 200) failed++;
      if (++done % every === 0) {
        samples.push({ requests: done, rss: treeRss(serverPid) });
        log?.(
          `crawl: ${done} of ${urls.length}, server RSS ${Math.round(samples.at(-1).rss / 2 ** 20)} MB`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  await sleep(5_000);
  samples.push({ requests: done, rss: treeRss(serverPid), idle: true });
  // The sample nearest the crawl's middle: growth after it is what "flat" is about.
  const half = samples.reduce((a, b) =>
    Math.abs(b.requests - done / 2) < Math.abs(a.requests - done / 2) ? b : a,
  );
  const last = samples.at(-1);
  return {
    requests: done,
    failed,
    seconds: (performance.now() - started) / 1000,
    samples,
    finalRss: last.rss,
    secondHalfGrowth: last.rss - half.rss,
  };
}

/** Signed-by-token publish of files, as a git host's script would call it. */
export async function publish(base, token, files) {
  const response = await fetch(`${base}/api/revalidate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ files }),
  });
  if (!response.ok)
    throw new Error(`publishing answered ${response.status}: ${await response.text()}`);
}

/** From a new file to the article, home and category serving it (median of `rounds`). */
export async function newPostLive(base, contentDir, token, rounds = 3) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const slug = `NWBENCH${Date.now()}${i}`;
    const started = performance.now();
    const post = writePost(contentDir, slug, `<p>新文章 ${slug} 的正文。</p>`, `新文章 ${slug}`);
    await publish(base, token, [post.rel]);
    const pages = [href(post.url), '/', `/category/${encodeURIComponent(post.category)}`];
    for (const page of pages) {
      for (;;) {
        const r = await timedGet(base, page, { keepBody: true, useAgent: false });
        if (r.status === 200 && r.body.toString().includes(slug)) break;
        if (performance.now() - started > 60_000) throw new Error(`${page} never showed ${slug}`);
        await sleep(20);
      }
    }
    times.push(performance.now() - started);
  }
  return { ...summary(times), rounds };
}

/**
 * A hostile body published and requested while `others` are requested 4 at a time: how long
 * the hostile answer took, what it was, and the other pages' latency meanwhile.
 */
export async function hostile(base, contentDir, token, others) {
  const post = writePost(contentDir, `NWHOSTILE${Date.now()}`, hostileBody(), '排版极其复杂的稿件');
  await publish(base, token, [post.rel]);
  const times = [];
  let failed = 0;
  let running = true;
  let i = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const other = async () => {
    while (running) {
      const path = others[i++ % others.length];
      const t0 = performance.now();
      const status = await new Promise((resolve) => {
        http
          .get(new URL(path, base), { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          })
          .on('error', () => resolve(0));
      });
      if (status === 200) times.push(performance.now() - t0);
      else failed++;
    }
  };
  const load = Array.from({ length: 4 }, other);
  await sleep(500);
  const answer = await timedGet(base, href(post.url), {
    timeoutMs: 600_000,
    keepBody: true,
    useAgent: false,
  });
  await sleep(1_000);
  running = false;
  await Promise.all(load);
  agent.destroy();
  return {
    hostileMs: answer.ms,
    hostileStatus: answer.status,
    plainText: answer.body.toString().includes('render-notice'),
    others: { ...summary(times), failed },
  };
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
