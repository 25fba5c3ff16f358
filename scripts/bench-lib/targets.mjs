// The targets (DESIGN §7, the production issue) and the table the benchmark prints: each
// target with the figure measured for it, at the archive size the target is stated for.
const MB = 2 ** 20;
const ms = (v) =>
  v == null ? '–' : v < 1000 ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : `${(v / 1000).toFixed(1)} s`;
const mb = (v) => (v == null ? '–' : `${Math.round(v / MB)} MB`);
const rps = (r) =>
  r == null
    ? '–'
    : `${Math.round(r.requestsPerSec).toLocaleString('en-US')} req/s, ${r.errorCount} errors`;

/** Each target reads its figure from the result of one size (`at`: the size, or the largest). */
const TARGETS = [
  {
    what: 'RSS after a crawl of every article (second-half growth)',
    target: '< 400 MB, flat',
    at: 20000,
    show: (r) =>
      r.server.crawl && `${mb(r.server.crawl.finalRss)} (${mb(r.server.crawl.secondHalfGrowth)})`,
    ok: (r) =>
      r.server.crawl &&
      r.server.crawl.finalRss < 400 * MB &&
      r.server.crawl.secondHalfGrowth < 0.1 * r.server.crawl.finalRss,
  },
  {
    what: "other pages' p99 while a 40,000-element body is requested",
    target: '< 300 ms',
    show: (r) => ms(r.server.hostile.others.p99),
    ok: (r) => r.server.hostile.others.p99 < 300,
  },
  {
    what: 'hostile body answered (as plain text with a notice)',
    target: '<= 10 s',
    show: (r) =>
      `${ms(r.server.hostile.hostileMs)}${r.server.hostile.plainText ? ', plain text' : ', NOT plain text'}`,
    ok: (r) => r.server.hostile.hostileMs <= 10_000 && r.server.hostile.plainText,
  },
  {
    what: 'cached article, wrk -t2 -c50',
    target: '>= 1,500 req/s, 0 errors',
    show: (r) => rps(r.server.wrk.article),
    ok: (r) => r.server.wrk.article.requestsPerSec >= 1500 && r.server.wrk.article.errorCount === 0,
  },
  {
    what: 'home, wrk -t2 -c50',
    target: '>= 1,000 req/s',
    show: (r) => rps(r.server.wrk.home),
    ok: (r) => r.server.wrk.home.requestsPerSec >= 1000,
  },
  {
    what: 'category / tag, wrk -t2 -c50',
    target: '>= 1,000 req/s',
    show: (r) => `${rps(r.server.wrk.category)} / ${rps(r.server.wrk.tag)}`,
    ok: (r) =>
      r.server.wrk.category.requestsPerSec >= 1000 && r.server.wrk.tag.requestsPerSec >= 1000,
  },
  {
    what: 'mixed load at 50 connections (p99)',
    target: '0 errors, p99 < 1 s',
    show: (r) => `${rps(r.server.mixed)}, p99 ${ms(r.server.mixed.latencyMs.p99)}`,
    ok: (r) => r.server.mixed.errorCount === 0 && r.server.mixed.latencyMs.p99 < 1000,
  },
  {
    what: 'cold index, lists ready (then search filled in the background)',
    target: '< 15 s',
    at: 20000,
    show: (r) => `${ms(r.index.coldMs)} (+ ${ms(r.index.searchMs)})`,
    ok: (r) => r.index.coldMs < 15_000,
  },
  {
    what: '`next build` from a fresh checkout, vs the smallest archive',
    target: '<= 2x',
    at: 20000,
    show: (r, base) =>
      `${ms(r.build.ms)} = ${(r.build.ms / base.build.ms).toFixed(2)}x (${ms(base.build.ms)})`,
    ok: (r, base) => r.build.ms / base.build.ms <= 2,
  },
  {
    what: 'uncached article p50 (p99)',
    target: '< 25 ms',
    show: (r) => `${ms(r.server.uncached.p50)} (${ms(r.server.uncached.p99)})`,
    ok: (r) => r.server.uncached.p50 < 25,
  },
  {
    what: 'new post live: file + webhook until article, home, category serve it',
    target: '< 2 s',
    show: (r) => ms(r.server.newPost.p50),
    ok: (r) => r.server.newPost.p50 < 2000,
  },
  {
    what: 'search p50 (p99)',
    target: '< 50 ms',
    show: (r) => `${ms(r.server.search.p50)} (${ms(r.server.search.p99)})`,
    ok: (r) => r.server.search.p50 < 50,
  },
];

/** What a Redis in trouble (`key` of the result) adds to requests against a healthy one. */
const addedLatency = (label, key) => ({
  what: `${label}: added latency, cached p99 / uncached p99 / first request`,
  target: '<= 100 ms added',
  show: (i) =>
    `${ms(i[key].cached.p99 - i.redisUp.cached.p99)} / ${ms(i[key].uncached.p99 - i.redisUp.uncached.p99)} / ${ms(i[key].first)}`,
  ok: (i) =>
    i[key].cached.p99 - i.redisUp.cached.p99 <= 100 &&
    i[key].uncached.p99 - i.redisUp.uncached.p99 <= 100 &&
    i[key].first <= 100 + i.redisUp.cached.max,
});

/** Two instances on one Redis behind nginx (bench-lib/instances.mjs), on the size measured. */
const INSTANCE_TARGETS = [
  {
    what: 'cached article through nginx before 2 instances, wrk -t2 -c100',
    target: '>= 30,000 req/s',
    show: (i) => rps(i.nginxArticle),
    ok: (i) => i.nginxArticle.requestsPerSec >= 30_000 && i.nginxArticle.errorCount === 0,
  },
  {
    what: 'push to instance A until article and home on B show it (max of 3)',
    target: '< 2 s',
    show: (i) => `${ms(i.pushAtoB.p50)} (max ${ms(i.pushAtoB.max)})`,
    ok: (i) => i.pushAtoB.max < 2000,
  },
  {
    what: 'new post visible through nginx (max of 3)',
    target: '< 3 s',
    show: (i) => `${ms(i.newPostThroughNginx.p50)} (max ${ms(i.newPostThroughNginx.max)})`,
    ok: (i) => i.newPostThroughNginx.max < 3000,
  },
  addedLatency('Redis down', 'redisDown'),
  addedLatency('Redis hung (SIGSTOP)', 'redisHung'),
  {
    what: 'Redis down: push on A live on A / on B by the background check',
    target: 'published',
    show: (i) => `${ms(i.redisDown.publishOnA)} / ${ms(i.redisDown.otherCaughtUp)}`,
    ok: (i) => i.redisDown.publishOnA < 2000,
  },
  {
    what: 'Redis back: both instances connected again',
    target: 'by itself',
    show: (i) => ms(i.reconnectMs),
    ok: (i) => i.reconnectMs < 30_000,
  },
  {
    what: 'SIGTERM with a request in flight: exit, request status',
    target: '< 10 s, 200',
    show: (i) => `${ms(i.sigterm.exitMs)}, ${i.sigterm.inFlightStatus}`,
    ok: (i) => i.sigterm.exitMs < 10_000 && i.sigterm.inFlightStatus === 200,
  },
];

/** 1,000 readers with live news open on one instance (bench-lib/readers.mjs). */
const READER_TARGETS = [
  {
    what: '1,000 idle readers polling live news every 20 s: server CPU, RSS',
    target: '< 25% of a core',
    show: (x) =>
      `${x.cpuPercent.toFixed(1)}% (${Math.round(x.pollsPerSec)} polls/s), RSS ${mb(x.rssBefore)} → ${mb(x.rssAfter)}`,
    ok: (x) => x.cpuPercent < 25,
  },
  {
    what: 'a poll, p50 (p99); a cached article meanwhile vs quiet, p99',
    target: 'poll p99 < 50 ms',
    show: (x) =>
      `${ms(x.poll.p50)} (${ms(x.poll.p99)}); ${ms(x.articleBusy.p99)} vs ${ms(x.articleQuiet.p99)}`,
    ok: (x) => x.poll.p99 < 50 && !Object.keys(x.statuses).some((s) => !['200', '304'].includes(s)),
  },
  {
    what: 'readers of home told of a post published meanwhile (latest after)',
    target: 'all, within one poll',
    show: (x) => `${x.heard.count} of ${x.homeReaders} (${ms(x.heard.max)})`,
    ok: (x) => x.heard.count === x.homeReaders && x.heard.max < (x.pollS + 2) * 1000,
  },
];

/** Rows of `targets` against the figures `pick` finds in the first result that has them. */
function rowsOf(targets, results, pick) {
  const measured = results.find((r) => pick(r));
  return (measured ? targets : []).map((t) => {
    let shown = '–';
    let verdict = '–';
    try {
      shown = t.show(pick(measured));
      verdict = t.ok(pick(measured)) ? 'ok' : 'MISS';
    } catch {
      // a step did not run
    }
    return [t.what, `${measured.size.toLocaleString('en-US')} posts`, shown, t.target, verdict];
  });
}

export function printReport(results) {
  const base = results[0];
  const largest = results.at(-1);
  const rows = TARGETS.map((t) => {
    const r = results.find((x) => x.size === t.at) ?? largest;
    let shown = '–';
    let verdict = '–';
    try {
      shown = t.show(r, base) ?? '–';
      const ok = t.ok(r, base);
      verdict = ok == null ? '–' : ok ? 'ok' : 'MISS';
    } catch {
      // a step did not run for this size
    }
    return [t.what, `${r.size.toLocaleString('en-US')} posts`, shown, t.target, verdict];
  });
  rows.push(...rowsOf(READER_TARGETS, results, (r) => r.server.readers));
  rows.push(...rowsOf(INSTANCE_TARGETS, results, (r) => r.instances));
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const row of rows)
    console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join(' | '));
  for (const r of results) {
    const s = r.server;
    console.log(
      `\n${r.size} posts: index ${mb(r.index.bytes)}, build peak ${mb(r.build.peakRss)}, server RSS ready ${mb(s.readyRss)} → after load ${mb(s.finalRss)}`,
    );
    if (s.crawl)
      console.log(
        `  crawl RSS: ${s.crawl.samples.map((x) => `${x.requests}:${mb(x.rss)}`).join(' ')}`,
      );
  }
}
