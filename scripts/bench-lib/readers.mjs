// Idle readers: what a thousand open pages cost one instance. Each reader does what the live-news
// island does in a visible tab: asks /api/live for its list every `pollS` seconds with the ETag of
// its last answer (a 304 while nothing changed). Readers start spread over one interval, mostly
// on home, the rest on the biggest categories. Halfway through, a post is published: every reader
// of home must hear of it on its next poll (the run lasts one more interval at least). Meanwhile
// a cached article is timed every 250 ms.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { writePost } from './archive.mjs';
import { timedGet } from './http.mjs';
import { treeCpuSeconds, treeRss } from './proc.mjs';
import { href, publish, summary } from './scenarios.mjs';

/** One poll: status, ETag and wall time; a failure counts as status 0. */
function poll(agent, base, list, etag) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const headers = etag ? { 'if-none-match': etag } : {};
    const req = http.get(
      new URL(`/api/live?list=${encodeURIComponent(list)}`, base),
      { agent, headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            etag: res.headers.etag ?? etag,
            body,
            ms: performance.now() - t0,
          }),
        );
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, etag, body: '', ms: performance.now() - t0 }));
  });
}

/** The baseline: a cached article every 250 ms, the server with nobody polling. */
async function quietBaseline(base, probe) {
  await timedGet(base, probe);
  const quiet = [];
  for (let i = 0; i < 40; i++) {
    quiet.push((await timedGet(base, probe)).ms);
    await sleep(250);
  }
  return quiet;
}

export async function idleReaders({
  base,
  serverPid,
  content,
  token,
  facts,
  readers = 1000,
  pollS = 20,
  seconds = 60,
}) {
  // A browser keeps one connection per open page: so do the readers.
  const agent = new http.Agent({ keepAlive: true, maxSockets: readers });
  const lists = [
    'home',
    ...facts.categories.slice(0, 5).map((c) => `category/${c.name.toLowerCase()}`),
  ];
  const latencies = [];
  const statuses = {};
  const heard = [];
  let published = null;
  let running = true;

  async function reader(i) {
    const list = i % 5 === 0 ? lists[1 + ((i / 5) % (lists.length - 1))] : 'home';
    let etag = null;
    await sleep((i / readers) * pollS * 1000);
    while (running) {
      const r = await poll(agent, base, list, etag);
      latencies.push(r.ms);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (published && list === 'home' && r.status === 200 && r.body.includes(published.slug)) {
        heard.push(performance.now() - published.at);
      }
      etag = r.etag;
      await sleep(pollS * 1000);
    }
  }

  const probe = href(facts.urls[10]);
  const quiet = await quietBaseline(base, probe);
  const rssBefore = treeRss(serverPid);
  const all = Array.from({ length: readers }, (_, i) => reader(i));
  // The first interval only starts the readers: measure from the second on.
  await sleep(pollS * 1000);
  const cpu0 = treeCpuSeconds(serverPid);
  const polls0 = latencies.length;
  const t0 = performance.now();
  const busy = [];
  const timer = setInterval(async () => busy.push((await timedGet(base, probe)).ms), 250);
  await sleep((seconds * 1000) / 2);
  const slug = `NWLIVE${Date.now()}`;
  const post = writePost(content, slug, `<p>实时快讯 ${slug}。</p>`, `实时快讯 ${slug}`);
  published = { slug, at: performance.now() };
  await publish(base, token, [post.rel]);
  // Every reader polls once more after the post is published: at least one interval.
  await sleep(Math.max(seconds / 2, pollS + 2) * 1000);
  clearInterval(timer);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = treeCpuSeconds(serverPid) - cpu0;
  const polls = latencies.length - polls0;
  running = false;
  await Promise.all(all);
  agent.destroy();
  return {
    readers,
    pollS,
    seconds: elapsed,
    pollsPerSec: polls / elapsed,
    cpuPercent: (cpu / elapsed) * 100,
    rssBefore,
    rssAfter: treeRss(serverPid),
    statuses,
    poll: summary(latencies),
    articleQuiet: summary(quiet),
    articleBusy: summary(busy),
    homeReaders: readers - Math.ceil(readers / 5),
    heard: { ...summary(heard), count: heard.length },
    post: post.rel,
  };
}
