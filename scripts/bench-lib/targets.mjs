// The targets of the overload issue (15) and the million-post issue (16), each with the figure
// measured for it and a verdict, then issue 16's rows as a curve over the sizes measured, then
// the other targets (targets-other.mjs) and what a reader of the figures needs besides.
import { count, MB, mb, missing, ms, row, statusTally, table } from './format.mjs';
import { OTHER_TARGETS } from './targets-other.mjs';

const HEADER = ['what', 'archive', 'measured', 'target', ''];
const ok200 = (x) => x?.status === 200;

/** Every crash of a server the benchmark did not stop, with where it happened. */
const allCrashes = (results) =>
  results.flatMap((r) => (r.crashes ?? []).map((c) => ({ ...c, size: r.size })));
const ranAt = (results, key) =>
  results.filter((r) => r[key] && !r[key].error).map((r) => count(r.size));

const ISSUE_15 = [
  {
    what: 'crashes in any bench scenario (incl. 50 MB bodies, a crawl that starts with costly bodies)',
    target: '0',
    all: true,
    show: (_, results) => {
      const crashes = allCrashes(results);
      const list = crashes.map(
        (c) => `${c.server} in ${c.step} at ${count(c.size)} (exit ${c.code ?? c.signal})`,
      );
      return `${crashes.length}${list.length ? `: ${list.join('; ')}` : ''} (big bodies run at: ${ranAt(results, 'bigBodies').join(', ') || 'none'}; crawl at: ${ranAt(results, 'crawl').join(', ') || 'none'})`;
    },
    ok: (_, results) => allCrashes(results).length === 0,
  },
  {
    what: 'RSS after a crawl of every article, 8 concurrent, costly bodies first (second-half growth); answers',
    target: '< 400 MB, flat',
    at: 20000,
    steps: ['crawl'],
    show: ({ crawl: c }) =>
      c.exited
        ? `the server exited (${c.exited.code ?? c.exited.signal}) after ${count(c.requests)} of ${count(c.planned)} requests`
        : `${mb(c.finalRss)} (${c.secondHalfGrowth >= 0 ? '+' : ''}${mb(c.secondHalfGrowth)}); ${statusTally(c.counts)}`,
    ok: ({ crawl: c }) =>
      !c.exited && c.finalRss < 400 * MB && c.secondHalfGrowth < 0.1 * c.finalRss,
  },
  {
    what: 'bodies of 5 / 20 / 50 MB by webhook: publish, the page (capped stand-in), RSS peak',
    target: 'alive, 200, page < 1 MB',
    at: 20000,
    steps: ['big-bodies'],
    show: ({ bigBodies: b }) =>
      b
        .map(
          (x) =>
            `${x.mb} MB: publish ${x.publish.status} in ${ms(x.publish.ms)}, page ${x.answer.status} ${mb(x.answer.bytes)} in ${ms(x.answer.ms)}, peak ${mb(x.rssPeak)}${x.alive ? '' : ', SERVER DIED'}`,
        )
        .join('; '),
    ok: ({ bigBodies: b }) =>
      b.length === 3 &&
      b.every((x) => x.alive && ok200(x.publish) && ok200(x.answer) && x.answer.small),
  },
  {
    what: "other pages' p99 while costly bodies are requested (slowest costly answer)",
    target: '< 300 ms',
    at: 100000,
    steps: ['costly'],
    show: ({ costly: c }) =>
      `${ms(c.others.p99)} (${statusTally(c.others.counts)}); costly: ${c.answers.map((a) => `${a.shape} ${a.status} ${ms(a.ms)}`).join(', ')}`,
    ok: ({ costly: c }) => c.alive && c.others.p99 < 300,
  },
  {
    what: '60 s mixed load at 50 connections: errors (503s apart), p99',
    target: '0 errors, p99 < 1 s',
    at: 100000,
    steps: ['mixed'],
    show: ({ mixed: m }) =>
      `${count(m.requestsPerSec)} req/s, ${m.errorsBesidesShed ?? m.errorCount} errors, ${count(m.shed)} × 503, p99 ${ms(m.latencyMs.p99)}`,
    ok: ({ mixed: m }) => (m.errorsBesidesShed ?? m.errorCount) === 0 && m.latencyMs.p99 < 1000,
  },
  {
    what: 'cached article, wrk -t2 -c50: next start / standalone',
    target: '>= 1,500 req/s each, 0 timeouts',
    at: 100000,
    steps: ['next-start', 'wrk'],
    show: ({ nextStart: n, wrk: w }) =>
      `${count(n.requestsPerSec)} req/s, ${n.errors.timeout} timeouts / ${count(w.article.requestsPerSec)} req/s, ${w.article.errors.timeout} timeouts${n.servedFrom === 'the standalone build' ? '' : ` (next start on ${n.servedFrom})`}`,
    ok: ({ nextStart: n, wrk: w }) =>
      [n, w.article].every((x) => x.requestsPerSec >= 1500 && x.errors.timeout === 0),
  },
  {
    what: 'uncached article p50 (p99)',
    target: '< 15 ms',
    at: 100000,
    steps: ['uncached'],
    show: ({ uncached: u }) => `${ms(u.p50)} (${ms(u.p99)}), ${u.failed} not 200`,
    ok: ({ uncached: u }) => u.p50 < 15,
  },
  {
    what: 'push to A live on B: right after both started / after Redis restarted empty',
    target: '< 2 s each',
    at: 20000,
    steps: ['instances'],
    show: ({ instances: i }) =>
      `${ms(i.pushAfterStart.onB)} (on A ${ms(i.pushAfterStart.onA)}) / ${ms(i.pushAfterRedisRestart)}`,
    ok: ({ instances: i }) =>
      Math.max(i.pushAfterStart.onA, i.pushAfterStart.onB, i.pushAfterRedisRestart) < 2000,
  },
  {
    what: 'first 2 minutes after a start (fill running): new post live (max); uncached article p50 (p99)',
    target: '< 1 s; p50 < 25 ms',
    at: 20000,
    steps: ['first-minutes'],
    show: ({ firstMinutes: f }) =>
      `${ms(f.newPost.max)} (of ${f.newPost.n}); ${ms(f.uncached.p50)} (${ms(f.uncached.p99)}), ${statusTally(f.uncached.counts)}; texts left ${count(f.queuesAtReady?.texts)} → ${count(f.queuesAtEnd?.texts)}, renders ${count(f.queuesAtReady?.renders)} → ${count(f.queuesAtEnd?.renders)}`,
    ok: ({ firstMinutes: f }) => f.alive && f.newPost.max < 1000 && f.uncached.p50 < 25,
  },
];

const fillFigure = (f) =>
  f.finished ? ms(f.ms) : `not done after ${ms(f.waitedMs)} (${count(f.textsLeft)} left)`;
/** Answers that were neither 200 nor 503 (errors, connections refused or dropped). */
const failures = (c) => (c ? c.other + c.connection : 0);
const othersDuringFill = (o) => {
  if (!o.n && !failures(o.counts))
    return 'none timed: no texts were waiting when lists were served';
  const bad = Object.entries(o.counts.others).map(([status, n]) => `${count(n)} × ${status}`);
  if (o.counts.connection) bad.push(`${count(o.counts.connection)} connection errors`);
  return `${ms(o.p99)} (${count(o.n)} × 200${bad.length ? `, ${bad.join(', ')}` : ''})`;
};
const renderNote = (f) =>
  f.renders?.finished ? 'renders all in' : `${count(f.queues?.renders)} renders not yet in`;

/** Issue 16's rows: `cell` is the figure in the curve table. */
const ISSUE_16 = [
  {
    what: 'cold start: lists and articles served (spawn → health, /categories, an old article 200)',
    target: '< 90 s',
    steps: ['cold-start'],
    cell: (r) =>
      `${ms(r.coldStart.ms)} (health ${ms(r.coldStart.healthMs)}, lists ${ms(r.coldStart.listsMs)})`,
    ok: (r) => r.coldStart.ms < 90_000,
  },
  {
    what: "full-text fill in the background; other pages' p99 meanwhile",
    target: '< 15 min; p99 <= 300 ms',
    steps: ['fill'],
    cell: (r) => `${fillFigure(r.fill)}; ${othersDuringFill(r.fill.others)}`,
    ok: (r) =>
      r.fill.finished &&
      r.fill.ms < 900_000 &&
      (r.fill.others.p99 ?? 0) <= 300 &&
      failures(r.fill.others.counts) === 0,
  },
  {
    what: "index file vs the posts' bytes",
    target: '< 2x, stated',
    steps: ['fill'],
    cell: (r) =>
      `${mb(r.fill.index.bytes)} = ${(r.fill.index.bytes / r.archive.bytes).toFixed(2)}x ${mb(r.archive.bytes)} (${renderNote(r.fill)}; on disk with its log ${mb(r.fill.index.onDisk)})`,
    ok: (r) => r.fill.index.bytes < 2 * r.archive.bytes,
  },
  {
    what: '`next build` from a fresh checkout, vs the smallest archive',
    target: '<= 2x',
    steps: ['build'],
    cell: (r, results) => {
      const base = results.find((x) => x.build && !x.build.error);
      return `${ms(r.build.ms)} = ${(r.build.ms / base.build.ms).toFixed(2)}x (${count(base.size)}: ${ms(base.build.ms)})`;
    },
    ok: (r, results) => r.build.ms / results.find((x) => x.build && !x.build.error).build.ms <= 2,
  },
  {
    what: 'uncached article p50 / list page p50 at any depth (worst depth)',
    target: '< 25 ms / < 25 ms',
    steps: ['uncached', 'lists'],
    cell: (r) =>
      `${ms(r.uncached.p50)} / ${ms(r.lists.worstP50)} (last page ${count(r.lists.lastPage)})`,
    ok: (r) => r.uncached.p50 < 25 && r.lists.worstP50 < 25,
  },
  {
    what: 'new post live: file + webhook until article, home, category and day page serve it (max of 3)',
    target: '< 1 s',
    steps: ['new-post'],
    cell: (r) =>
      `${ms(r.newPost.max)}${r.newPost.dayPages === 'served' ? '' : ` (${r.newPost.dayPages})`}`,
    ok: (r) => r.newPost.max < 1000,
  },
  {
    what: 'sitemap index and every sitemap file it lists, uncached (slowest)',
    target: '< 2 s each',
    steps: ['sitemaps'],
    cell: (r) => {
      const s = r.sitemaps;
      return `${ms(s.maxMs)}: index ${ms(s.index.ms)} (${s.index.cache ?? 'no cache header'}), ${s.files.length} files${s.note ? ` (${s.note})` : ''}${s.allOk ? '' : ', NOT ALL 200'}`;
    },
    ok: (r) => r.sitemaps.allOk && r.sitemaps.maxMs < 2000,
  },
  {
    what: 'RSS of the server after the 60 s mixed load',
    target: '< 400 MB',
    steps: ['mixed'],
    cell: (r) => mb(r.mixed.rssAfter),
    ok: (r) => r.mixed.rssAfter < 400 * MB,
  },
  {
    what: 'search p50 (p99)',
    target: '< 50 ms (< 500 ms)',
    steps: ['search'],
    cell: (r) => `${ms(r.search.p50)} (${ms(r.search.p99)})`,
    ok: (r) => r.search.p50 < 50 && r.search.p99 < 500,
  },
].map((t) => ({ ...t, at: 1_000_000, show: t.cell }));

/** Issue 16's rows (rows) over every size measured (columns). */
function curve(results) {
  const header = ['what', ...results.map((r) => count(r.size))];
  const rows = ISSUE_16.map((t) => [
    t.what,
    ...results.map((r) => {
      const why = t.steps.map((s) => missing(r, s)).find(Boolean);
      if (why) return why.startsWith('failed') ? 'failed' : 'not run';
      try {
        return t.cell(r, results);
      } catch {
        return '–';
      }
    }),
  ]);
  return table(header, rows);
}

/** What a reader of the figures needs besides the tables: crashes with their logs, RSS over a crawl. */
function details(results) {
  for (const r of results) {
    console.log(
      `\n${count(r.size)} posts (${count(r.archive.files)} files, ${mb(r.archive.bytes)}): server RSS ready ${mb(r.coldStart?.readyRss)}, after the steady steps ${mb(r.finalRss)}`,
    );
    if (r.serverError) console.log(`  the server steps stopped: ${r.serverError}`);
    for (const c of r.crashes ?? [])
      console.log(
        `  CRASH: ${c.server} during ${c.step}, exit ${c.code ?? c.signal} after ${c.afterS} s; its log ends:\n${c.logTail.replace(/^/gm, '    ')}`,
      );
    if (r.crawl?.samples)
      console.log(
        `  crawl RSS: ${r.crawl.samples.map((x) => `${x.requests}:${mb(x.rss)}`).join(' ')}`,
      );
    for (const [name, why] of Object.entries(r.skipped ?? {}))
      console.log(`  ${name} not run: ${why}`);
  }
}

export function printReport(results) {
  console.log('\nIssue 15: overload\n');
  console.log(
    table(
      HEADER,
      ISSUE_15.map((t) => row({ steps: [], ...t }, results)),
    ),
  );
  console.log('\nIssue 16: a million posts\n');
  console.log(
    table(
      HEADER,
      ISSUE_16.map((t) => row(t, results)),
    ),
  );
  console.log('\nIssue 16 as a curve over the sizes measured\n');
  console.log(curve(results));
  console.log('\nOther targets (DESIGN §7, Deploying)\n');
  console.log(
    table(
      HEADER,
      OTHER_TARGETS.map((t) => row(t, results)),
    ),
  );
  details(results);
}
