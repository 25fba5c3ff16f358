// Overload, measured on a running server: costly bodies requested while other pages are timed,
// bodies of 5 to 50 MB pushed by webhook, and a crawl of every article that starts with the
// costly bodies. Whether the server survived is part of every figure; a 503 (the server
// shedding load, lib/shed.ts) is counted apart from errors.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { COSTLY_SHAPES, ordinaryMarkdown, writePost } from './archive.mjs';
import { newTally, quickGet, tally, timedGet } from './http.mjs';
import { rssSampler, treeRss } from './proc.mjs';
import { logTail } from './server.mjs';
import { href, publishTimed, summary } from './scenarios.mjs';

const MB = 2 ** 20;
/** An answer a reader's browser can take: a stand-in for a huge body must stay under this. */
export const SMALL_PAGE = MB;

/** Writes one post per costly shape and publishes them in one webhook call. */
export async function publishCostly(base, content, token, prefix = 'NWCOSTLY') {
  const posts = COSTLY_SHAPES.map((shape) => ({
    shape: shape.name,
    what: shape.what,
    ...writePost(
      content,
      `${prefix}${shape.name.toUpperCase()}${Date.now()}`,
      shape.body(),
      `排版复杂的稿件：${shape.what}`,
    ),
  }));
  const r = await publishTimed(
    base,
    token,
    posts.map((p) => p.rel),
  ).catch((error) => ({ status: 0, ms: null, text: error.message }));
  return { posts, publish: { status: r.status, ms: r.ms, answer: r.text.slice(0, 200) } };
}

/** `paths` requested in turn by `concurrency` loops until stopped: latency of 200s and a tally. */
function otherLoad(base, paths, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const times = [];
  const counts = newTally();
  let running = true;
  let i = 0;
  const loop = async () => {
    while (running) {
      const r = await quickGet(agent, base, paths[i++ % paths.length]);
      tally(counts, r.status);
      if (r.status === 200) times.push(r.ms);
      if (r.status === 0) await sleep(100);
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return async function stop() {
    running = false;
    await Promise.all(loops);
    agent.destroy();
    return { ...summary(times), counts };
  };
}

/** One costly or huge post requested: status, time, size, and whether it came as plain text. */
async function answerOf(base, url) {
  try {
    const r = await timedGet(base, href(url), {
      timeoutMs: 600_000,
      keepBody: true,
      useAgent: false,
    });
    const html = r.body.toString();
    return {
      status: r.status,
      ms: r.ms,
      bytes: r.bytes,
      plainText: html.includes('render-notice'),
    };
  } catch (error) {
    return { status: 0, error: error.message };
  }
}

/**
 * The costly shapes published, then requested one after another while `others` are requested
 * 4 at a time: each answer, and the other pages' latency meanwhile.
 */
export async function costly({ server, content, token, others }) {
  const { base } = server;
  const { posts, publish } = await publishCostly(base, content, token);
  const stop = otherLoad(base, others, 4);
  await sleep(500);
  const answers = [];
  for (const post of posts) {
    answers.push({ shape: post.shape, what: post.what, ...(await answerOf(base, post.url)) });
    if (server.exit) break;
  }
  await sleep(1_000);
  return { publish, answers, others: await stop(), alive: !server.exit };
}

/**
 * For each size: a post of ordinary sentences that long, written, published, then requested
 * while 3 other pages are; publish status and time, the answer, the server's RSS peak (its
 * whole process group) and whether it is still alive.
 */
export async function bigBodies({ server, content, token, others, sizesMb = [5, 20, 50] }) {
  const { base } = server;
  const out = [];
  for (const mb of sizesMb) {
    const sampler = rssSampler(server.pid, 200);
    const post = writePost(
      content,
      `NWBIG${mb}MB${Date.now()}`,
      ordinaryMarkdown(mb * MB),
      `超长稿件 ${mb} MB`,
    );
    const r = await publishTimed(base, token, [post.rel]).catch((e) => ({
      status: 0,
      ms: null,
      text: e.message,
    }));
    const stop = otherLoad(base, others, 3);
    const answer = await answerOf(base, post.url);
    const load = await stop();
    out.push({
      mb,
      publish: { status: r.status, ms: r.ms, answer: r.text.slice(0, 200) },
      answer: { ...answer, small: answer.bytes != null && answer.bytes < SMALL_PAGE },
      others: load,
      alive: !server.exit,
      rssPeak: sampler.stop(),
    });
    if (server.exit) break;
  }
  return out;
}

/** The crawl's RSS sample nearest its middle: growth after it is what "flat" is about. */
function middleSample(samples, done) {
  return samples.reduce((a, b) =>
    Math.abs(b.requests - done / 2) < Math.abs(a.requests - done / 2) ? b : a,
  );
}

/**
 * Every URL once, `concurrency` at a time, the costly ones first; the server's RSS (its whole
 * process group) every 1,000 requests. Stops early if the server exits.
 */
export async function crawl({ server, urls, costlyUrls = [], concurrency = 8, log }) {
  const list = [...costlyUrls, ...urls];
  // Every 1,000 requests; a small archive's crawl at least 10 times.
  const every = Math.min(1000, Math.max(10, Math.ceil(list.length / 10)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples = [{ requests: 0, rss: treeRss(server.pid) }];
  const counts = newTally();
  const costlyAnswers = [];
  let next = 0;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < list.length && !server.exit) {
      const at = next++;
      const r = await quickGet(agent, server.base, href(list[at]), 600_000);
      tally(counts, r.status);
      if (at < costlyUrls.length) costlyAnswers.push({ url: list[at], status: r.status, ms: r.ms });
      if (++done % every === 0) {
        samples.push({ requests: done, rss: treeRss(server.pid) });
        log?.(
          `crawl: ${done} of ${list.length}, server RSS ${Math.round(samples.at(-1).rss / MB)} MB`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  if (!server.exit) await sleep(5_000);
  samples.push({ requests: done, rss: server.exit ? null : treeRss(server.pid), idle: true });
  const last = samples.at(-1);
  return {
    requests: done,
    planned: list.length,
    concurrency,
    counts,
    costlyAnswers,
    seconds,
    samples,
    finalRss: last.rss,
    secondHalfGrowth: last.rss == null ? null : last.rss - middleSample(samples, done).rss,
    exited: server.exit
      ? { code: server.exit.code, signal: server.exit.signal, logTail: logTail(server.logFile) }
      : null,
  };
}
