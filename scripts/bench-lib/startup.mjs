// A server's start on a fresh index, as a deployment meets it: the cold start (spawn until lists
// and articles are served), the background fill that follows (every text and search entry, then
// every render, newest first) and what readers and editors get meanwhile.
import { setTimeout as sleep } from 'node:timers/promises';

import { newTally, tally, timedGet, waitReady } from './http.mjs';
import { treeRss } from './proc.mjs';
import { stopServer, waitServing } from './server.mjs';
import { archiveFacts, href, newPostLive, oldestUrl, queues, summary } from './scenarios.mjs';

/**
 * `start()` spawns a server on a fresh index. The cold start: from the spawn until lists and
 * articles are served (health 200, /categories 200, then the oldest article 200).
 */
export async function coldStart({ start, indexFile }) {
  const server = await start();
  const phases = {};
  try {
    phases.listsMs = await waitServing(server, '/categories', undefined, phases);
    const oldest = href(oldestUrl(indexFile));
    await waitReady(server.base, oldest, {
      timeoutMs: 300_000,
      exited: server.exited,
      status: 200,
    });
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return {
    server,
    coldStartMs: performance.now() - server.spawned,
    phases,
    readyRss: treeRss(server.pid),
    queuesAtReady: queues(indexFile),
  };
}

/**
 * Until the text queue is empty (the full-text fill, `maxMs` at most): every second, one
 * request to each of `pagesAt(tick)` (a few pages other than the fill's), timed. How long the
 * fill took since `since` (the server ready), and those pages' latency meanwhile.
 */
export async function watchFill({ server, indexFile, pagesAt, maxMs, since = performance.now() }) {
  const started = since;
  const times = [];
  const counts = newTally();
  const trace = [];
  let q = queues(indexFile);
  const atStart = q?.texts ?? null;
  for (let tick = 0; q?.texts !== 0 && !server.exit; tick++) {
    const elapsed = performance.now() - started;
    if (elapsed > maxMs) break;
    if (tick % 10 === 0) trace.push({ s: Math.round(elapsed / 1000), ...q });
    const tickStart = performance.now();
    for (const path of pagesAt(tick)) {
      const r = await timedGet(server.base, path, { timeoutMs: 60_000 }).catch(() => ({
        status: 0,
      }));
      tally(counts, r.status);
      if (r.status === 200) times.push(r.ms);
    }
    await sleep(Math.max(0, 1_000 - (performance.now() - tickStart)));
    q = queues(indexFile);
  }
  const finished = q?.texts === 0;
  return {
    finished,
    ms: finished ? performance.now() - started : null,
    waitedMs: performance.now() - started,
    textsAtStart: atStart,
    textsLeft: q?.texts ?? null,
    rendersLeft: q?.renders ?? null,
    others: { ...summary(times), counts },
    trace,
  };
}

/** Until the render queue is empty (`maxMs` at most): how long since `since` (the server ready). */
export async function waitRenders({ server, indexFile, since, maxMs }) {
  const started = performance.now();
  let q = queues(indexFile);
  const atStart = q?.renders ?? null;
  while (q && q.renders > 0 && !server.exit && performance.now() - started < maxMs) {
    await sleep(2_000);
    q = queues(indexFile);
  }
  const finished = q?.renders === 0;
  return {
    finished,
    sinceReadyMs: finished ? performance.now() - since : null,
    waitedMs: performance.now() - started,
    rendersAtStart: atStart,
    rendersLeft: q?.renders ?? null,
  };
}

/**
 * Old articles requested one at a time, one every `gapMs`, until stopped: their latency (first
 * requests: nobody asked for them before) and a tally of statuses.
 */
function uncachedLoop(base, urls, gapMs = 100) {
  const times = [];
  const counts = newTally();
  let running = true;
  const loop = (async () => {
    for (let i = 0; running && i < urls.length; i++) {
      const r = await timedGet(base, href(urls[i]), { timeoutMs: 60_000 }).catch(() => ({
        status: 0,
      }));
      tally(counts, r.status);
      if (r.status === 200) times.push(r.ms);
      await sleep(gapMs);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { ...summary(times), counts };
  };
}

/**
 * The first `windowS` seconds after a start on a fresh index, as soon as lists are served (the
 * bulk scan's texts and then renders filling behind): a new post published every quarter of the
 * window until its article, home and category serve it, and old articles requested meanwhile.
 */
export async function firstMinutes({ start, indexFile, content, token, windowS, log }) {
  const { server, coldStartMs, queuesAtReady } = await coldStart({ start, indexFile });
  let stop = null;
  try {
    const opened = performance.now();
    const facts = archiveFacts(indexFile);
    const old = facts.urls.slice(Math.min(1000, Math.floor(facts.urls.length / 4)));
    stop = uncachedLoop(
      server.base,
      old.filter((_, i) => i % 3 === 0),
    );
    const posts = [];
    for (let round = 0; round < 4 && !server.exit; round++) {
      const due = opened + (round * windowS * 1000) / 4;
      await sleep(Math.max(0, due - performance.now()));
      const r = await newPostLive(server.base, content, token, { rounds: 1 });
      posts.push({ atS: Math.round((due - opened) / 1000), ms: r.max, pages: r.pages[0] });
      log(`first minutes: a new post live in ${Math.round(r.max)} ms`);
    }
    await sleep(Math.max(0, opened + windowS * 1000 - performance.now()));
    const uncached = await stop();
    stop = null;
    return {
      windowS,
      coldStartMs,
      queuesAtReady,
      queuesAtEnd: queues(indexFile),
      newPost: { ...summary(posts.map((p) => p.ms)), posts },
      uncached,
      alive: !server.exit,
    };
  } finally {
    await stop?.();
    await stopServer(server);
  }
}
