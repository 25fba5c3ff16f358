// One size's measurements on its standalone server: started on a fresh index (the cold start),
// the fill behind it, the pages readers ask for, load, publishing and overload; then the same
// build under `next start`, and a crawl on a fresh server process. A server that dies during a
// step is recorded (server.mjs) and started again on its index for the steps after.
import path from 'node:path';

import { COSTLY_SHAPES } from './archive.mjs';
import { SCENARIOS } from './options.mjs';
import { bigBodies, costly, crawl, publishCostly } from './overload.mjs';
import { treeRss } from './proc.mjs';
import { listDepths, sitemaps } from './pages.mjs';
import { idleReaders } from './readers.mjs';
import * as scenario from './scenarios.mjs';
import * as server from './server.mjs';
import { coldStart, waitRenders, watchFill } from './startup.mjs';
import { wrk } from './wrk.mjs';

/** Sizes up to this have their renders waited for before the steady measurements. */
const RENDER_WAIT_MAX_POSTS = 100_000;
const { href } = scenario;

/**
 * The standalone server (or `kind`) on this size's index: `fresh` removes the index first,
 * `pristine` the pages rendered since the build (a fresh deployment).
 */
export function launch(
  ctx,
  {
    fresh = false,
    pristine = false,
    kind = 'standalone',
    dist = ctx.opts.dist,
    log = 'server.log',
  } = {},
) {
  if (fresh) server.removeIndex(ctx.indexFile);
  if (pristine) server.resetPages(dist);
  return server.startServer({
    kind,
    dist,
    env: server.serverEnv({
      content: ctx.content,
      indexFile: ctx.indexFile,
      token: ctx.opts.token,
    }),
    logFile: path.join(ctx.dir, log),
    label: kind === 'standalone' ? 'server' : 'next start',
  });
}

/** After a step: a server that died is started again on its index, for the next steps. */
async function revive(ctx) {
  if (!ctx.server?.exit) return;
  const { code, signal } = ctx.server.exit;
  ctx.log(`the server exited (${code ?? signal}): starting it again for the next steps`);
  ctx.server = await launch(ctx);
  await server.waitServing(ctx.server);
}

/** The first three list pages of the 20 most used terms of a kind (those that have them). */
const termPages = (kind, terms) =>
  terms
    .slice(0, 20)
    .flatMap((t) =>
      [1, 2, 3]
        .filter((n) => t.count > (n - 1) * 20)
        .map((n) => scenario.termPath(kind, t.name, n)),
    );

/** `n` items spread evenly over `list` (all of it when it is shorter). */
const spread = (list, n) =>
  list.length <= n
    ? list
    : Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);

/**
 * Pages the archive offers a size's steps: the newest articles (cached by the steps), and old
 * ones spread over the whole archive, in three pools nobody asks for twice: 200 for the
 * uncached articles, 100 for the mixed load, 100 for the costly bodies' other pages.
 */
function pagesOf(facts) {
  const pool = spread(facts.urls.slice(100), 400);
  const old = pool.filter((_, i) => i % 2 === 0);
  const cat = facts.categories[0];
  const mixed = [
    ...['/', '/page/2', '/page/3', '/categories', '/tags'].flatMap((p) => [p, p, p]),
    ...termPages('category', facts.categories),
    ...termPages('tag', facts.tags),
    ...facts.urls.slice(0, 200).flatMap((u) => [href(u), href(u)]),
    ...pool.filter((_, i) => i % 4 === 1).map(href),
    ...facts.titles
      .slice(0, 40)
      .map((t) => `/search?q=${encodeURIComponent(Array.from(t).slice(2, 5).join(''))}`),
  ];
  const others = [
    '/',
    '/categories',
    ...facts.urls.slice(0, 20).map(href),
    ...pool.filter((_, i) => i % 4 === 3).map(href),
  ];
  const oldest = facts.urls.slice(-2000).reverse();
  return {
    old,
    mixed,
    others,
    /** What the fill watch requests each second: lists, a cached and a new old article. */
    fillPages: (tick) => [
      '/',
      '/page/2',
      scenario.termPath('category', cat.name),
      href(facts.urls[5]),
      href(oldest[tick % oldest.length]),
    ],
  };
}

/** The full-text fill (other pages timed meanwhile), the index's size, and the renders. */
async function fill(ctx, since, pages) {
  const out = await watchFill({
    server: ctx.server,
    indexFile: ctx.indexFile,
    pagesAt: pages.fillPages,
    maxMs: ctx.opts.fillMaxMs,
    since,
  });
  out.indexAfterTexts = scenario.indexSize(ctx.indexFile);
  if (ctx.size > RENDER_WAIT_MAX_POSTS) {
    out.renders = {
      skipped: `not waited for over ${RENDER_WAIT_MAX_POSTS.toLocaleString('en-US')} posts`,
    };
  } else {
    out.renders = await waitRenders({
      server: ctx.server,
      indexFile: ctx.indexFile,
      since,
      maxMs: ctx.opts.renderWaitMs,
    });
  }
  out.index = scenario.indexSize(ctx.indexFile);
  out.queues = scenario.queues(ctx.indexFile);
  return out;
}

/** wrk -t2 -c50 on a cached article, home, a category and a tag. */
async function throughput(ctx, facts) {
  const { base } = ctx.server;
  const pages = [
    ['article', `${base}${href(facts.urls[10])}`],
    ['home', `${base}/`],
    ['category', `${base}${scenario.termPath('category', facts.categories[0].name)}`],
    ['tag', `${base}${scenario.termPath('tag', facts.tags[0].name)}`],
  ];
  // Cached pages: each asked for twice before (rendered, then served from the cache).
  for (const [, url] of [...pages, ...pages]) await fetch(url);
  const out = {};
  for (const [name, url] of pages) {
    out[name] = await wrk(url, { seconds: ctx.opts.seconds });
    ctx.log(
      `wrk ${name}: ${Math.round(out[name].requestsPerSec)} req/s, ${out[name].errorCount} errors`,
    );
  }
  return out;
}

/** The steady measurements on the running server. */
async function steady(ctx, result, step, facts, pages) {
  const s = () => ctx.server;
  const { opts } = ctx;
  const each = async (name, fn, dueWhy) => {
    await step(result, name, fn, dueWhy);
    await revive(ctx);
  };
  await each('uncached', async () => ({
    rendersWaiting: scenario.queues(ctx.indexFile)?.renders ?? null,
    ...(await scenario.uncachedRenders(s().base, pages.old, 200)),
  }));
  await each('lists', () => listDepths(s().base, facts));
  await each('mixed', async () => {
    const r = await wrk(s().base, {
      seconds: opts.mixed,
      paths: pages.mixed,
      workDir: ctx.dir,
      statuses: true,
    });
    return { ...r, rssAfter: treeRss(s().pid) };
  });
  await each('wrk', () => throughput(ctx, facts));
  await each('new-post', () => scenario.newPostLive(s().base, ctx.content, opts.token, { facts }));
  await each('search', () => scenario.searchLatency(s().base, facts.titles));
  await each('sitemaps', () => sitemaps(s().base));
  await each('costly', () =>
    costly({ server: s(), content: ctx.content, token: opts.token, others: pages.others }),
  );
  const few = ['/', '/categories', ...facts.urls.slice(0, 5).map(href)];
  await each('big-bodies', () =>
    bigBodies({ server: s(), content: ctx.content, token: opts.token, others: few }),
  );
  const readersDue =
    ctx.size !== opts.instances
      ? `only at ${opts.instances || 'no size'} (--instances)`
      : opts.readers > 0
        ? null
        : '--readers 0';
  await each(
    'readers',
    () =>
      idleReaders({
        base: s().base,
        serverPid: s().pid,
        content: ctx.content,
        token: opts.token,
        facts,
        readers: opts.readers,
        seconds: opts.readersSeconds,
      }),
    readersDue,
  );
  result.finalRss = s().exit ? null : treeRss(s().pid);
}

/** Cached article throughput on `next start` (the same build; else a plain build of its own). */
async function nextStart(ctx, facts) {
  let handle = await launch(ctx, { kind: 'next-start', log: 'next-start.log' });
  let servedFrom = 'the standalone build';
  try {
    try {
      await server.waitServing(handle, '/categories', 300_000);
    } catch (error) {
      await server.stopServer(handle);
      const dist = `${ctx.opts.dist}-start`;
      servedFrom = `a plain \`npm run build\` in ${dist} (next start did not serve the standalone build: ${error.message.split('\n')[0]})`;
      await server.build({
        dist,
        content: ctx.content,
        indexFile: ctx.indexFile,
        standalone: false,
        log: ctx.log,
      });
      handle = await launch(ctx, { kind: 'next-start', dist, log: 'next-start.log' });
      await server.waitServing(handle, '/categories', 300_000);
    }
    const article = `${handle.base}${href(facts.urls[10])}`;
    for (let i = 0; i < 2; i++) await fetch(article);
    const r = await wrk(article, { seconds: ctx.opts.seconds });
    ctx.log(
      `next start, cached article: ${Math.round(r.requestsPerSec)} req/s, ${r.errorCount} errors`,
    );
    return { servedFrom, ...r };
  } finally {
    await server.stopServer(handle);
  }
}

/** Every article, 8 at a time, the costly bodies first, on a fresh process (same index). */
async function crawlFresh(ctx, facts) {
  const handle = await launch(ctx, { pristine: true });
  try {
    await server.waitServing(handle);
    const { posts, publish } = await publishCostly(
      handle.base,
      ctx.content,
      ctx.opts.token,
      'NWCRAWL',
    );
    ctx.log(
      `crawl of ${facts.urls.length} articles after ${COSTLY_SHAPES.length} costly bodies, 8 at a time`,
    );
    const r = await crawl({
      server: handle,
      urls: facts.urls,
      costlyUrls: posts.map((p) => p.url),
      concurrency: 8,
      log: ctx.log,
    });
    return { publish, ...r };
  } finally {
    await server.stopServer(handle);
  }
}

/** Every step of a size that runs on a server of its own build. */
export async function measureServer(ctx, result, step) {
  const serverSteps = SCENARIOS.slice(SCENARIOS.indexOf('fill'), SCENARIOS.indexOf('crawl') + 1);
  if (!serverSteps.some((name) => ctx.opts.chosen(name))) return;
  server.setStep('cold start');
  ctx.log('cold start on a fresh index');
  let started;
  try {
    started = await coldStart({
      start: () => launch(ctx, { fresh: true, pristine: true }),
      indexFile: ctx.indexFile,
    });
  } catch (error) {
    result.coldStart = { error: error.message };
    ctx.log(`cold start failed: ${error.message}`);
    return;
  }
  ctx.server = started.server;
  const since = performance.now();
  result.coldStart = {
    ms: started.coldStartMs,
    ...started.phases,
    readyRss: started.readyRss,
    queuesAtReady: started.queuesAtReady,
  };
  ctx.log(`lists and articles served ${Math.round(started.coldStartMs)} ms after spawn`);
  try {
    const facts = scenario.archiveFacts(ctx.indexFile);
    const pages = pagesOf(facts);
    await step(result, 'fill', () => fill(ctx, since, pages));
    await revive(ctx);
    await steady(ctx, result, step, facts, pages);
    await server.stopServer(ctx.server);
    await step(result, 'next-start', () => nextStart(ctx, facts));
    const crawlDue =
      ctx.size > ctx.opts.crawlMax ? `only up to ${ctx.opts.crawlMax} posts (--crawl-max)` : null;
    await step(result, 'crawl', () => crawlFresh(ctx, facts), crawlDue);
  } finally {
    await server.stopServer(ctx.server);
  }
}
