// Several instances of one build on one Redis, with nginx in front (README: Deploying), measured
// as the targets of that deployment are stated: a push right after both started (their fill
// running), cached article throughput through nginx (wrk -t2 -c100), a push to instance A until
// B serves it, a new post through nginx, the latency a dead or hung Redis adds, a push after
// Redis restarted empty, and SIGTERM with a request in flight.
import { setTimeout as sleep } from 'node:timers/promises';

import { hostileBody, writePost } from './archive.mjs';
import { connected, health, startInstance, startNginx, startRedis } from './cluster.mjs';
import { timedGet } from './http.mjs';
import { stop } from './proc.mjs';
import { freePort, resetPages, signalServer, stopServer, waitServing } from './server.mjs';
import {
  archiveFacts,
  href,
  publish,
  queues,
  summary,
  termPath,
  untilShown,
} from './scenarios.mjs';
import { wrk } from './wrk.mjs';

/** Latency of `paths` requested in turn, `rounds` times, straight at one instance. */
async function latencies(base, paths, rounds = 3) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    for (const p of paths) times.push((await timedGet(base, p, { useAgent: false })).ms);
  }
  return summary(times);
}

/** A new post pushed to `from`: ms until each base of `to` serves its article and home. */
async function pushUntil(from, to, content, token, prefix) {
  const slug = `${prefix}${Date.now()}`;
  const started = performance.now();
  const made = writePost(content, slug, `<p>推送 ${slug}。</p>`, `推送 ${slug}`);
  await publish(from, token, [made.rel]);
  const times = [];
  for (const base of to) {
    const at = await untilShown(base, [href(made.url), '/'], slug, started);
    times.push(Math.max(...Object.values(at)));
  }
  return times;
}

/** Until both instances' texts are filled (bounded): the later steps measure a settled pair. */
async function textsFilled(servers, maxMs = 600_000) {
  const started = performance.now();
  while (performance.now() - started < maxMs) {
    if (servers.every((s) => queues(s.indexFile)?.texts === 0)) break;
    await sleep(1_000);
  }
  return servers.map((s) => queues(s.indexFile));
}

/** Redis hung (SIGSTOP) and then dead: what it adds to B's pages, and a push on A meanwhile. */
async function redisTrouble({ a, b, redis, content, token, facts, log }) {
  log('Redis hung, then down: added latency');
  const article = href(facts.urls[10]);
  const cached = [article, '/', termPath('category', facts.categories[0].name)];
  // Old articles nothing has asked for yet (the other steps read the newest ones).
  const fresh = (share) => {
    const from = Math.floor(facts.urls.length * share);
    return facts.urls.slice(from, from + 30).map(href);
  };
  const up = {
    cached: await latencies(b.base, cached),
    uncached: await latencies(b.base, fresh(0.5), 1),
  };
  // Hung (stopped, its connections open): every call waits for the timeout, then the breaker.
  process.kill(redis.pid, 'SIGSTOP');
  const hung = {
    first: (await timedGet(b.base, article, { useAgent: false })).ms,
    cached: await latencies(b.base, cached),
    uncached: await latencies(b.base, fresh(0.6), 1),
  };
  process.kill(redis.pid, 'SIGCONT');
  await connected([a, b]);
  await stop(redis); // dead: its port closed
  const down = {
    first: (await timedGet(b.base, article, { useAgent: false })).ms,
    cached: await latencies(b.base, cached),
    uncached: await latencies(b.base, fresh(0.7), 1),
    health: (await health(b.base)).redis,
  };
  const slug = `NWDOWN${Date.now()}`;
  const post = writePost(content, slug, `<p>停机 ${slug}。</p>`, `停机 ${slug}`);
  const started = performance.now();
  await publish(a.base, token, [post.rel]);
  down.publishOnA = (await untilShown(a.base, [href(post.url)], slug, started))[href(post.url)];
  down.otherCaughtUp = (await untilShown(b.base, [href(post.url)], slug, started))[href(post.url)];
  return { redisUp: up, redisHung: hung, redisDown: down };
}

/** SIGTERM to B while it renders a costly body: how long until it exits, that request's status. */
async function sigterm(b, content, token) {
  const slow = writePost(content, `NWSLOW${Date.now()}`, hostileBody(), '很慢的稿件');
  await publish(b.base, token, [slow.rel]);
  const inFlight = timedGet(b.base, href(slow.url), { useAgent: false, timeoutMs: 60_000 });
  await sleep(500);
  const signalled = performance.now();
  signalServer(b, 'SIGTERM');
  const exit = await b.exited;
  const answer = await inFlight.catch((error) => ({ status: 0, error: error.message }));
  return {
    exitMs: performance.now() - signalled,
    code: exit.code,
    signal: exit.signal,
    inFlightStatus: answer.status,
  };
}

/** Each step's figures; the instances run the standalone build in `dist`. */
export async function measureInstances({ dir, content, dist, token, seconds, log }) {
  const out = {};
  const redisPort = await freePort();
  let redis = await startRedis(dir, redisPort);
  const servers = [];
  let nginx = null;
  try {
    resetPages(dist);
    const started = { dir, dist, content, token, redisPort };
    servers.push(await startInstance({ ...started, name: 'a' }));
    servers.push(await startInstance({ ...started, name: 'b' }));
    const [a, b] = servers;
    out.readyMs = await Promise.all(servers.map((s) => waitServing(s)));
    log('a push right after both started, their fill running');
    out.queuesAtPush = servers.map((s) => queues(s.indexFile));
    const [onA, onB] = await pushUntil(a.base, [a.base, b.base], content, token, 'NWSTART');
    out.pushAfterStart = { onA, onB };
    out.queuesAfterTexts = await textsFilled(servers);
    const facts = archiveFacts(a.indexFile);

    ({ nginx, base: out.nginxBase } = await startNginx(dir, [a.port, b.port]));
    const article = href(facts.urls[10]);
    for (let i = 0; i < 3; i++) await fetch(`${out.nginxBase}${article}`);
    log('wrk -t2 -c100 on a cached article through nginx');
    out.nginxArticle = await wrk(`${out.nginxBase}${article}`, { connections: 100, seconds });
    out.nginxHome = await wrk(`${out.nginxBase}/`, { connections: 100, seconds });

    log('push to A until B serves it; a new post through nginx');
    const toB = [];
    const viaProxy = [];
    for (let i = 0; i < 3; i++)
      toB.push(...(await pushUntil(a.base, [b.base], content, token, 'NWPUSHAB')));
    for (let i = 0; i < 3; i++)
      viaProxy.push(...(await pushUntil(a.base, [out.nginxBase], content, token, 'NWPROXY')));
    out.pushAtoB = summary(toB);
    out.newPostThroughNginx = summary(viaProxy);

    Object.assign(out, await redisTrouble({ a, b, redis, content, token, facts, log }));
    log('Redis restarted empty, as README starts it');
    redis = await startRedis(dir, redisPort);
    out.reconnectMs = await connected([a, b]);
    const [afterRestart] = await pushUntil(a.base, [b.base], content, token, 'NWRESTART');
    out.pushAfterRedisRestart = afterRestart;

    log('SIGTERM with a request in flight');
    out.sigterm = await sigterm(b, content, token);
  } finally {
    if (nginx) await stop(nginx);
    for (const s of servers) await stopServer(s);
    await stop(redis);
  }
  return out;
}
