// Pages whose cost could grow with the archive: list pages at any depth (home's, a category's)
// and the sitemaps (the index at /sitemap.xml, then every file it lists, as a search engine
// reads them), each requested as nobody has before.
import { timedGet } from './http.mjs';
import { summary, termPath } from './scenarios.mjs';

/** Posts per list page (lib/site.ts; PAGE_SIZE when the server is given one). */
const PAGE_SIZE = Number(process.env.PAGE_SIZE ?? 20) || 20;

/** `count` distinct page numbers ending at `last` (going down, never below 2). */
const pagesDownFrom = (last, count) =>
  [...new Set(Array.from({ length: count }, (_, i) => Math.max(2, last - i)))].filter(
    (n) => n >= 2,
  );

/** Times each path once; statuses and the cache state of the first answer. */
async function timeEach(base, paths) {
  const times = [];
  const statuses = {};
  let cache = null;
  for (const path of paths) {
    const r = await timedGet(base, path, { timeoutMs: 60_000 }).catch(() => ({ status: 0 }));
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status === 200) times.push(r.ms);
    cache ??= r.cache ?? null;
  }
  return { ...summary(times), statuses, firstCache: cache, first: paths[0] };
}

/**
 * List pages at several depths, `perDepth` distinct pages each (so each is a first request):
 * home page 1 (asked `perDepth` times), home's pages at the middle and the end of the archive,
 * the biggest category's middle and last pages. p50 per depth.
 */
export async function listDepths(base, facts, perDepth = 10) {
  const last = Math.max(1, Math.ceil(facts.urls.length / PAGE_SIZE));
  const category = facts.categories[0];
  const catLast = category ? Math.max(1, Math.ceil(category.count / PAGE_SIZE)) : 1;
  const groups = {
    'home page 1': Array.from({ length: perDepth }, () => '/'),
    [`/page/N, N ≈ ${Math.ceil(last / 2)} (middle)`]: pagesDownFrom(
      Math.ceil(last / 2),
      perDepth,
    ).map((n) => `/page/${n}`),
    [`/page/N, N ≈ ${last} (last)`]: pagesDownFrom(last, perDepth).map((n) => `/page/${n}`),
  };
  if (category && catLast > 1) {
    const pages = (from) =>
      pagesDownFrom(from, perDepth).map((n) => termPath('category', category.name, n));
    groups[`category ${category.name}, page ≈ ${Math.ceil(catLast / 2)} (middle)`] = pages(
      Math.ceil(catLast / 2),
    );
    groups[`category ${category.name}, page ≈ ${catLast} (last)`] = pages(catLast);
  }
  const out = { pageSize: PAGE_SIZE, lastPage: last, groups: {} };
  for (const [name, paths] of Object.entries(groups))
    out.groups[name] = await timeEach(base, paths);
  const p50s = Object.values(out.groups).map((g) => g.p50);
  out.worstP50 = p50s.includes(null) ? null : Math.max(...p50s);
  return out;
}

/** GET with redirects followed (3 at most): the final answer, total time and each hop's status. */
async function getFollowing(base, path) {
  const hops = [];
  let ms = 0;
  let at = path;
  for (let i = 0; i < 4; i++) {
    const r = await timedGet(base, at, { timeoutMs: 60_000, keepBody: true, useAgent: false });
    ms += r.ms;
    hops.push(r.status);
    if (![301, 302, 307, 308].includes(r.status) || !r.location) {
      return {
        path,
        finalPath: at,
        status: r.status,
        ms,
        bytes: r.bytes,
        cache: r.cache,
        hops,
        body: r.body.toString(),
      };
    }
    at = new URL(r.location, base).pathname;
  }
  throw new Error(`${path}: more than 3 redirects (${hops.join(' → ')})`);
}

const locs = (xml) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);

/** The sitemap index, then every file it lists, in turn: status, time, size, cache state. */
export async function sitemaps(base) {
  const index = await getFollowing(base, '/sitemap.xml');
  const { body, ...indexFigures } = index;
  const out = { index: indexFigures, files: [] };
  if (index.status !== 200) {
    out.note = `/sitemap.xml answered ${index.status}`;
    return out;
  }
  if (!body.includes('<sitemapindex')) {
    out.note = `/sitemap.xml is one urlset of ${locs(body).length} URLs: no sitemap files to read`;
  } else {
    for (const path of locs(body)) {
      const { body: file, ...figures } = await getFollowing(base, path);
      out.files.push({ ...figures, urls: locs(file).length });
    }
  }
  const all = [index, ...out.files];
  out.maxMs = Math.max(...all.map((f) => f.ms));
  out.allOk = all.every((f) => f.status === 200);
  return out;
}
