// Targets (DESIGN §7 and the benchmark issue) and the plain-text tables the benchmark prints.

const MB = 1024 * 1024;

export const fmt = {
  int: (n) => (n == null ? '–' : Math.round(n).toLocaleString('en-US')),
  ms: (ms) =>
    ms == null
      ? '–'
      : ms < 1000
        ? `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`
        : `${(ms / 1000).toFixed(2)} s`,
  mb: (bytes) => (bytes == null ? '–' : `${Math.round(bytes / MB).toLocaleString('en-US')} MB`),
  ratio: (r) => (r == null ? '–' : `${r.toFixed(2)}x`),
  rps: (r) => (r == null ? '–' : `${Math.round(r).toLocaleString('en-US')} req/s`),
};

export const CACHED_PAGES = ['home', 'category', 'tag', 'article'];

/**
 * The targets, stated for 100,000 posts. Each reads its figure from one size's result;
 * `pass` is null when the figure is missing (step failed or not applicable).
 */
export const TARGETS = [
  {
    id: 'coldIndex',
    label: 'cold index',
    target: '< 60 s',
    get: (s) => s.index?.coldMs,
    show: fmt.ms,
    ok: (v) => v < 60_000,
  },
  {
    id: 'addOne',
    label: 'index after +1 post (full rescan)',
    target: '< 1 s',
    get: (s) => s.index?.addOneMs,
    show: fmt.ms,
    ok: (v) => v < 1_000,
  },
  {
    id: 'addOneNamed',
    label: 'index +1 post, file named (webhook)',
    target: '< 1 s',
    get: (s) => s.index?.addOneNamedMs,
    show: fmt.ms,
    ok: (v) => v < 1_000,
  },
  {
    id: 'buildRatio',
    label: 'next build / 100-post build',
    target: '<= 1.5x',
    get: (s) => s.build?.ratioToBaseline,
    show: fmt.ratio,
    ok: (v) => v <= 1.5,
  },
  {
    id: 'uncachedP50',
    label: 'uncached article p50',
    target: '< 30 ms',
    get: (s) => s.uncached?.p50Ms,
    show: fmt.ms,
    ok: (v) => v < 30,
  },
  ...CACHED_PAGES.map((page) => ({
    id: `cached.${page}`,
    label: `cached ${page} throughput`,
    target: '> 1,000 req/s',
    get: (s) => s.cached?.[page]?.requestsPerSec,
    show: fmt.rps,
    ok: (v) => v > 1_000,
  })),
  {
    id: 'searchP50',
    label: 'search p50',
    target: '< 50 ms',
    get: (s) => s.search?.search?.p50,
    show: fmt.ms,
    ok: (v) => v < 50,
  },
  {
    id: 'sitemapRoot',
    label: '/sitemap.xml uncached',
    target: '(report)',
    get: (s) => s.search?.sitemap?.rootMs,
    show: fmt.ms,
    ok: () => true,
  },
  {
    id: 'sitemapFile',
    label: 'one sitemap file uncached',
    target: '(report)',
    get: (s) => s.search?.sitemap?.fileMs,
    show: fmt.ms,
    ok: () => true,
  },
  {
    id: 'publishLive',
    label: 'new post live (webhook)',
    target: '< 2 s',
    get: (s) => s.publish?.liveMedianMs,
    show: fmt.ms,
    ok: (v) => v < 2_000,
  },
  {
    id: 'rss',
    label: 'server RSS after load',
    target: '< 400 MB',
    get: (s) => s.server?.rssAfterLoad,
    show: fmt.mb,
    ok: (v) => v < 400 * MB,
  },
];

export function evaluate(size) {
  return Object.fromEntries(
    TARGETS.map((t) => {
      const value = t.get(size);
      return [
        t.id,
        { value: value ?? null, target: t.target, pass: value == null ? null : t.ok(value) },
      ];
    }),
  );
}

const mark = (pass) => (pass === null ? '' : pass ? 'pass' : 'MISS');

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) =>
    r
      .map((c, i) => String(c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** The table for one archive size: every measurement, with its target where it has one. */
export function sizeTable(s) {
  const ev = evaluate(s);
  const rows = [['measurement', 'value', 'target', 'result']];
  const add = (label, value, id) =>
    rows.push([label, value, id ? ev[id].target : '', id ? mark(ev[id].pass) : '']);
  add('generate archive', fmt.ms(s.generateMs));
  add(
    'cold index',
    s.index ? `${fmt.ms(s.index.coldMs)} (${fmt.int(s.index.scanned)} files)` : '–',
    'coldIndex',
  );
  add('rescan, nothing changed', fmt.ms(s.index?.rescanMs));
  add('index after +1 post', fmt.ms(s.index?.addOneMs), 'addOne');
  add(
    'next build (index pre-warmed)',
    s.build ? `${fmt.ms(s.build.wallMs)}, peak RSS ${fmt.mb(s.build.peakRss)}` : '–',
  );
  const ph = s.build?.phases;
  if (ph) {
    const sec = (v) => (v == null ? '?' : `${v.toFixed(1)} s`);
    add(
      '  compile / typecheck / static pages',
      `${sec(ph.compileS)} / ${sec(ph.typescriptS)} / ${sec(ph.staticPagesS)} (${ph.staticPages ?? '?'} pages)`,
    );
  }
  add('  vs 100-post build', fmt.ratio(s.build?.ratioToBaseline), 'buildRatio');
  add(
    'server ready after start',
    s.server ? `${fmt.ms(s.server.readyMs)}, RSS ${fmt.mb(s.server.rssAtReady)}` : '–',
  );
  add(
    'first article (cold process)',
    s.uncached?.first ? `${fmt.ms(s.uncached.first.ms)} (${s.uncached.first.status})` : '–',
  );
  add(
    `uncached article (n=${s.uncached?.count ?? 0})`,
    s.uncached
      ? `p50 ${fmt.ms(s.uncached.p50Ms)}, p99 ${fmt.ms(s.uncached.p99Ms)}, max ${fmt.ms(s.uncached.maxMs)}`
      : '–',
    'uncachedP50',
  );
  for (const page of CACHED_PAGES) {
    const c = s.cached?.[page];
    add(
      `cached ${page}`,
      c
        ? `${fmt.rps(c.requestsPerSec)}, p50 ${c.latencyMs.p50} ms, p99 ${c.latencyMs.p99} ms, non-2xx ${c.non2xx}, errors ${c.errors}`
        : '–',
      `cached.${page}`,
    );
  }
  const gz = s.cachedCompressed?.home;
  add(
    'cached home, Accept-Encoding: gzip',
    gz
      ? `${fmt.rps(gz.requestsPerSec)}, p50 ${gz.latencyMs.p50} ms, p99 ${gz.latencyMs.p99} ms, non-2xx ${gz.non2xx}, errors ${gz.errors}`
      : '–',
  );
  const ref = s.reference;
  add(
    'reference: node:http, same home HTML',
    ref
      ? `${fmt.rps(ref.requestsPerSec)}, p50 ${ref.latencyMs.p50} ms, p99 ${ref.latencyMs.p99} ms`
      : '–',
  );
  add(
    'server RSS after load',
    s.server ? `${fmt.mb(s.server.rssAfterLoad)} (peak ${fmt.mb(s.server.rssPeak)})` : '–',
    'rss',
  );
  if (s.server?.logProblems?.length)
    add(
      'server log: errors/warnings',
      `${s.server.logProblems.length} distinct line(s), listed below`,
    );
  if (s.error) add('FAILED', s.error.split('\n')[0]);
  return table(rows);
}

/** One row per target, one column per size: the trend at a glance. */
export function summaryTable(sizes) {
  const rows = [['target', 'goal', ...sizes.map((s) => `${fmt.int(s.posts)} posts`)]];
  for (const t of TARGETS) {
    rows.push([
      t.label,
      t.target,
      ...sizes.map((s) => {
        const v = t.get(s);
        return v == null ? '–' : `${t.show(v)} ${mark(t.ok(v))}`;
      }),
    ]);
  }
  return table(rows);
}
