// The targets besides issues 15 and 16: DESIGN §7's (the cold index, throughput of lists,
// costly bodies answered), idle readers (readers.mjs) and README's Deploying section
// (instances.mjs), each read from the result that ran its step.
import { count, ms, rps } from './format.mjs';

/** What a Redis in trouble (`key` of the instances' result) adds against a healthy one. */
const addedLatency = (label, key) => ({
  what: `${label}: added latency, cached p99 / uncached p99 / first request`,
  target: '<= 100 ms added',
  steps: ['instances'],
  show: ({ instances: i }) =>
    `${ms(i[key].cached.p99 - i.redisUp.cached.p99)} / ${ms(i[key].uncached.p99 - i.redisUp.uncached.p99)} / ${ms(i[key].first)}`,
  ok: ({ instances: i }) =>
    i[key].cached.p99 - i.redisUp.cached.p99 <= 100 &&
    i[key].uncached.p99 - i.redisUp.uncached.p99 <= 100 &&
    i[key].first <= 100 + i.redisUp.cached.max,
});

const DESIGN = [
  {
    what: 'cold index by scripts/reindex.ts, lists ready (rescan; one file named)',
    target: '< 15 s',
    at: 20000,
    steps: ['index'],
    show: ({ index: x }) => `${ms(x.coldMs)} (${ms(x.rescanMs)}; ${ms(x.oneNamedMs)})`,
    ok: ({ index: x }) => x.coldMs < 15_000,
  },
  {
    what: 'home / category / tag, wrk -t2 -c50',
    target: '>= 1,000 req/s',
    at: 100000,
    steps: ['wrk'],
    show: ({ wrk: w }) => `${rps(w.home)} / ${rps(w.category)} / ${rps(w.tag)}`,
    ok: ({ wrk: w }) => [w.home, w.category, w.tag].every((x) => x.requestsPerSec >= 1000),
  },
  {
    what: 'costly bodies answered, as plain text with a notice where over the limits (slowest)',
    target: '<= 10 s, 200',
    at: 100000,
    steps: ['costly'],
    show: ({ costly: c }) => {
      const slowest = Math.max(...c.answers.map((a) => a.ms ?? Infinity));
      const plain = c.answers.filter((a) => a.plainText).map((a) => a.shape);
      return `${ms(slowest)}; statuses ${c.answers.map((a) => a.status).join(', ')}; plain text: ${plain.join(', ') || 'none'}`;
    },
    ok: ({ costly: c }) => c.answers.every((a) => a.status === 200 && a.ms <= 10_000),
  },
];

const READERS = [
  {
    what: '1,000 idle readers polling live news every 20 s: server CPU, RSS',
    target: '< 25% of a core',
    at: 20000,
    steps: ['readers'],
    show: ({ readers: x }) =>
      `${x.cpuPercent.toFixed(1)}% (${Math.round(x.pollsPerSec)} polls/s), RSS ${Math.round(x.rssBefore / 2 ** 20)} → ${Math.round(x.rssAfter / 2 ** 20)} MB`,
    ok: ({ readers: x }) => x.cpuPercent < 25,
  },
  {
    what: 'a poll, p50 (p99); a cached article meanwhile vs quiet, p99',
    target: 'poll p99 < 50 ms',
    at: 20000,
    steps: ['readers'],
    show: ({ readers: x }) =>
      `${ms(x.poll.p50)} (${ms(x.poll.p99)}); ${ms(x.articleBusy.p99)} vs ${ms(x.articleQuiet.p99)}`,
    ok: ({ readers: x }) =>
      x.poll.p99 < 50 && !Object.keys(x.statuses).some((s) => !['200', '304'].includes(s)),
  },
  {
    what: 'readers of home told of a post published meanwhile (latest after)',
    target: 'all, within one poll',
    at: 20000,
    steps: ['readers'],
    show: ({ readers: x }) =>
      `${count(x.heard.count)} of ${count(x.homeReaders)} (${ms(x.heard.max)})`,
    ok: ({ readers: x }) => x.heard.count === x.homeReaders && x.heard.max < (x.pollS + 2) * 1000,
  },
];

const INSTANCES = [
  {
    what: 'cached article through nginx before 2 instances, wrk -t2 -c100',
    target: '>= 30,000 req/s',
    show: ({ instances: i }) => rps(i.nginxArticle),
    ok: ({ instances: i }) =>
      i.nginxArticle.requestsPerSec >= 30_000 && i.nginxArticle.errorCount === 0,
  },
  {
    what: 'push to instance A until article and home on B show it (max of 3)',
    target: '< 2 s',
    show: ({ instances: i }) => `${ms(i.pushAtoB.p50)} (max ${ms(i.pushAtoB.max)})`,
    ok: ({ instances: i }) => i.pushAtoB.max < 2000,
  },
  {
    what: 'new post visible through nginx (max of 3)',
    target: '< 3 s',
    show: ({ instances: i }) =>
      `${ms(i.newPostThroughNginx.p50)} (max ${ms(i.newPostThroughNginx.max)})`,
    ok: ({ instances: i }) => i.newPostThroughNginx.max < 3000,
  },
  addedLatency('Redis down', 'redisDown'),
  addedLatency('Redis hung (SIGSTOP)', 'redisHung'),
  {
    what: 'Redis down: push on A live on A / on B by the background check',
    target: 'published',
    show: ({ instances: i }) => `${ms(i.redisDown.publishOnA)} / ${ms(i.redisDown.otherCaughtUp)}`,
    ok: ({ instances: i }) => i.redisDown.publishOnA < 2000,
  },
  {
    what: 'Redis back: both instances connected again',
    target: 'by itself',
    show: ({ instances: i }) => ms(i.reconnectMs),
    ok: ({ instances: i }) => i.reconnectMs < 30_000,
  },
  {
    what: 'SIGTERM with a request in flight: exit, request status',
    target: '< 10 s, 200',
    show: ({ instances: i }) => `${ms(i.sigterm.exitMs)}, ${i.sigterm.inFlightStatus}`,
    ok: ({ instances: i }) => i.sigterm.exitMs < 10_000 && i.sigterm.inFlightStatus === 200,
  },
].map((t) => ({ ...t, at: 20000, steps: ['instances'] }));

export const OTHER_TARGETS = [...DESIGN, ...READERS, ...INSTANCES];
