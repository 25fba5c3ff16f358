// The routes' one door to content: the process's index (opened and brought up to date on first
// use, then checked for changed files in the background), and every getter a page, feed,
// sitemap or the publishing endpoint calls. Reads recover from a damaged index file by rebuilding it.
import 'server-only';

import path from 'node:path';

import { cache } from 'react';

import { openIndex, type ContentIndex } from '@/lib/content/db';
import { feedPosts } from '@/lib/content/feeds';
import { startFill } from '@/lib/content/fill';
import {
  listPosts,
  listProblems,
  listTerms,
  lookupUrl,
  newestPosts,
  newestUrls,
  readIndexedPost,
  termName,
  urlForSlug,
} from '@/lib/content/reads';
import { categoryNames } from '@/lib/content/names';
import { neighbours, relatedPosts } from '@/lib/content/related';
import { BULK_FROM, readRecovering, scanContent } from '@/lib/content/scan';
import { searchPosts } from '@/lib/content/search';
import { searchBacklog } from '@/lib/content/search-schema';
import { SITEMAP_MAX_URLS, sitemapPlan, sitemapUrls, type SitemapUrl } from '@/lib/content/sitemap';
import { FEED_SIZE, MAX_CONTENT_CHARS, type FeedItem } from '@/lib/feed';
import { homeHref } from '@/lib/format';
import { urlKey } from '@/lib/content/permalink';
import { announce, appliedVersion, ensureCurrent, noteVersionBeforeScan } from '@/lib/fanout';
import { contentPath, internalToken } from '@/lib/publish/requests';
import { handleWebhook } from '@/lib/publish/webhook';
import type { RenderedPost } from '@/lib/render';
import { renderedBody } from '@/lib/render-cache';
import { hotPagesState } from '@/lib/hot-pages';
import { shedState, type ShedState } from '@/lib/shed';
import { newestFilesInWorker, previewInWorker } from '@/lib/workers/pool';
import { SITE_FEED, termFeed } from '@/lib/seo';
import { contentDir, FORMER_TIME_ZONES, PAGE_SIZE, startDir, TIME_ZONE } from '@/lib/site';
import { processWide } from '@/lib/process-wide';
import { redisState, type RedisState } from '@/lib/redis';
import { labelled, termHref, type Term, type TermNames } from '@/lib/terms';
import type { ContentError, PostMeta, TermKind } from '@/lib/types';
import { dateArchiveAt } from '@/lib/date-archive';

type IndexState = {
  opening: Promise<ContentIndex> | null;
  /** The index once its first scan is done: the instance is ready. */
  ready: ContentIndex | null;
  /** Whether that scan was a bulk one: pages rendered before it (by the build) may be stale. */
  bulk: boolean;
  reported: Set<string>;
};
const state = processWide<IndexState>('index', () => ({
  opening: null,
  ready: null,
  bulk: false,
  reported: new Set(),
}));

/**
 * Posts `next build` indexes: the newest ones, for the pages it pre-renders. A larger archive
 * is indexed by the server when it starts (in bulk: ~95 s for a million posts, README), so the
 * build's time does not grow with the archive.
 */
const BUILD_POSTS = Number(process.env.BUILD_POSTS || 5_000);

/** INDEX_FILE, or the index beside the build's cache, absolute. */
function indexFile(): string {
  const file =
    process.env.INDEX_FILE ||
    path.join(process.env.NEXT_DIST_DIR || '.next', 'cache', 'content-index.sqlite');
  return path.resolve(/*turbopackIgnore: true*/ startDir(), file);
}

/** Logs each new error once, as `file:line: message`: a skipped file, an unreadable folder. */
export function logNewProblems(index: ContentIndex, extra: ContentError[] = []) {
  const errors = [...listProblems(index).filter((p) => p.severity === 'error'), ...extra];
  for (const p of errors) {
    const line = `${p.file}:${p.line}: ${p.message}`;
    if (state.reported.has(line)) continue;
    state.reported.add(line);
    console.warn(`[content] skipped ${line}`);
  }
}

/**
 * The build's index: the whole archive when it is small, else its newest BUILD_POSTS posts, in
 * a file of the build's own (the server then builds the whole index in bulk).
 */
async function openForBuild(): Promise<ContentIndex> {
  const { total, newest } = await newestFilesInWorker({
    contentDir: contentDir(),
    limit: BUILD_POSTS,
  });
  if (total <= BUILD_POSTS) return open(indexFile());
  // Kept between builds (and shared by the build's processes): unchanged files are not read again.
  const index = openIndex(contentDir(), `${indexFile()}.build`, TIME_ZONE, FORMER_TIME_ZONES);
  // By name, fewer than a bulk scan's worth at a time: a bulk scan would load the whole folder.
  for (let at = 0; at < newest.length; at += BULK_FROM - 1) {
    await scanContent(index, newest.slice(at, at + BULK_FROM - 1));
  }
  console.warn(
    `[content] the archive has ${total} posts: this build indexed the newest ${BUILD_POSTS} for the pages it pre-renders; the server indexes them all when it starts`,
  );
  state.ready = index;
  return index;
}

async function open(file = indexFile()): Promise<ContentIndex> {
  const index = openIndex(contentDir(), file, TIME_ZONE, FORMER_TIME_ZONES);
  // With other instances: what they announced before this scan is in it; the rest is caught up.
  if (process.env.NEXT_PHASE !== 'phase-production-build') await noteVersionBeforeScan();
  const report = await scanContent(index);
  state.bulk = report.bulk;
  logNewProblems(index, report.unreadable);
  // A server fills texts, search and renders behind the lists; `next build` needs the lists only.
  if (process.env.NEXT_PHASE !== 'phase-production-build') void startFill(index);
  state.ready = index;
  return index;
}

/**
 * The process's index. The first use in a process brings it up to date before answering (a
 * cold index is built here); after that lib/background.ts keeps it in step with the folder.
 */
export function getIndex(): Promise<ContentIndex> {
  if (!state.opening) {
    state.opening = process.env.NEXT_PHASE === 'phase-production-build' ? openForBuild() : open();
    state.opening.catch(() => {
      state.opening = null;
    });
  }
  return state.opening;
}

/** Whether this server's first scan of the folder was a bulk one (every page may be stale). */
export function openedInBulk(): boolean {
  return state.bulk;
}

/**
 * Runs a read of the index, rebuilding a damaged file first when the read finds one. With
 * several instances, an index behind the announced content version catches up first.
 */
async function read<T>(query: (index: ContentIndex) => T): Promise<T> {
  const index = await getIndex();
  await ensureCurrent(index);
  return readRecovering(index, () => query(index));
}

/**
 * Display names of categories (`_data/categories.yml`), current to within a second; slugs stand
 * in while the file is missing or broken (reported in the log).
 */
export function getTermNames(): TermNames {
  return categoryNames(contentDir()).names;
}

/** One page of the home list, once per request (metadata and page share it). */
export const getHomeList = cache((page: number) =>
  read((index) => listPosts(index, { page, size: PAGE_SIZE, now: Date.now() })),
);

/** One page of a category's or tag's list with the term's display name, once per request. */
export const getTermList = cache((kind: TermKind, name: string, page: number) =>
  read((index) => {
    const now = Date.now();
    const display = termName(index, kind, name, now);
    if (display === null) return null;
    const list = listPosts(index, { page, size: PAGE_SIZE, now, term: { kind, name } });
    return list ? { term: labelled({ kind, name: display }, getTermNames()), ...list } : null;
  }),
);

/** The newest visible posts of home (`term` null) or of a category or tag, for live news. */
export function getLatest(term: Term | null, limit: number): Promise<PostMeta[]> {
  return read((index) => newestPosts(index, term, { now: Date.now(), limit }));
}

/** Every category or tag with its count, most used first, once per request. */
export const getTermCounts = cache((kind: TermKind) =>
  read((index) => listTerms(index, kind, Date.now())),
);

export function getNewestUrls(limit: number): Promise<string[]> {
  return read((index) => newestUrls(index, limit, Date.now()));
}

export function getUrlForSlug(slug: string): Promise<string | null> {
  return read((index) => urlForSlug(index, slug, Date.now()));
}

export type Article =
  { kind: 'post'; post: PostMeta; body: RenderedPost } | { kind: 'redirect'; url: string };

/**
 * The article at a decoded URL path, rendered, or where its old URL now lives. Once per
 * request: metadata and page share it.
 */
export const getArticle = cache(async (url: string): Promise<Article | null> => {
  const hit = await read((index) => lookupUrl(index, url, Date.now()));
  if (!hit) return null;
  if (hit.kind === 'redirect') return hit;
  const index = await getIndex();
  const post = readIndexedPost(index, hit.path);
  const rendering = post ? await renderedBody(index, post) : null;
  return post && rendering ? { kind: 'post', post, body: rendering.body } : null;
});

/** The previous and next post of an article's first category, and posts sharing its tags. */
export function getArticleLinks(post: PostMeta) {
  return read((index) => {
    const now = Date.now();
    return { ...neighbours(index, post, now), related: relatedPosts(index, post, now) };
  });
}

/**
 * An editor's preview: the post file `file` (`_posts/…`, relative to the content folder) read
 * and rendered as it is now (in a worker thread), whatever its date, `published` flag or place
 * in the index. With `url`, only when the post lives there. Null when there is no such post file.
 */
export const getPreview = cache(async (file: string, url?: string): Promise<Article | null> => {
  const rel = contentPath(file);
  if (!rel || rel !== file.replace(/^\/+/, '')) return null;
  const index = await getIndex();
  const preview = await previewInWorker({
    contentDir: index.contentDir,
    path: rel,
    timeZone: index.timeZone,
  });
  if (!preview || (url !== undefined && urlKey(preview.post.url) !== urlKey(url))) return null;
  return { kind: 'post', post: preview.post, body: preview.rendering.body };
});

/** One page of search results, and how far the full-text index still is from complete. */
export function getSearchResults(terms: string[], page: number) {
  return read((index) => ({
    results: searchPosts(index, { terms, page, size: PAGE_SIZE, now: Date.now() }),
    backlog: searchBacklog(index.db),
  }));
}

export type FeedData = {
  title: string;
  feedPath: string;
  pagePath: string;
  items: FeedItem[];
  names: TermNames;
};

/** The newest posts of the site, or of one category or tag (null when none is visible). */
export async function getFeed(term?: Term): Promise<FeedData | null> {
  const index = await getIndex();
  const now = Date.now();
  let head: Omit<FeedData, 'items' | 'names'> = {
    title: SITE_FEED.title,
    feedPath: SITE_FEED.path,
    pagePath: homeHref(),
  };
  if (term) {
    const name = await read(() => termName(index, term.kind, term.name, now));
    if (name === null) return null;
    const found = labelled({ kind: term.kind, name }, getTermNames());
    const link = termFeed(found);
    head = { title: link.title, feedPath: link.path, pagePath: termHref(found) };
  }
  const posts = await read(() => feedPosts(index, { now, limit: FEED_SIZE, term }));
  const items = await Promise.all(
    posts.map(async (p): Promise<FeedItem> => {
      const post = readIndexedPost(index, p.path);
      const shown = post ? await renderedBody(index, post) : null;
      // A body too long for a feed, or over the renderer's limits, is left out (the entry
      // keeps its summary).
      const fits = shown && !shown.overLimit && shown.body.html.length <= MAX_CONTENT_CHARS;
      return { ...p, html: fits ? shown.body.html : null };
    }),
  );
  return { ...head, items, names: getTermNames() };
}

export type Sitemap =
  | { kind: 'urlset'; urls: SitemapUrl[] }
  | { kind: 'index'; files: { n: number; lastmod: number }[] };

/** All URLs in one sitemap, or past SITEMAP_MAX_URLS an index of the sitemap files. */
export function getSitemap(): Promise<Sitemap> {
  return read((index): Sitemap => {
    const now = Date.now();
    const plan = sitemapPlan(index, now);
    if (plan.files.length === 1) {
      return {
        kind: 'urlset',
        urls: sitemapUrls(index, { now, offset: 0, limit: SITEMAP_MAX_URLS }),
      };
    }
    return { kind: 'index', files: plan.files.map((f, i) => ({ n: i + 1, lastmod: f.lastmod })) };
  });
}

/** The URLs of sitemap file `n` (1-based), or null past the last file. */
export function getSitemapFile(n: number): Promise<SitemapUrl[] | null> {
  return read((index) => {
    const now = Date.now();
    const { files } = sitemapPlan(index, now);
    if (!Number.isInteger(n) || n < 1 || n > files.length) return null;
    return sitemapUrls(index, { now, offset: (n - 1) * SITEMAP_MAX_URLS, limit: SITEMAP_MAX_URLS });
  });
}

/** Handles a publishing request (see lib/publish/webhook.ts); `revalidate` is Next's revalidatePath. */
export async function publishFromRequest(
  request: Request,
  revalidate: (path: string, type?: 'page' | 'layout') => void,
): Promise<Response> {
  const response = await handleWebhook(request, {
    settings: {
      secret: process.env.GITHUB_WEBHOOK_SECRET ?? '',
      token: process.env.REVALIDATE_TOKEN ?? '',
      internalToken: internalToken(),
      branch: process.env.CONTENT_BRANCH ?? '',
      gitPull: process.env.CONTENT_GIT_PULL === '1',
      contentDir: contentDir(),
      pageSize: PAGE_SIZE,
    },
    index: getIndex,
    revalidate,
    announce,
  });
  if (state.opening) logNewProblems(await state.opening);
  return response;
}

export type Health = {
  status: 'ok' | 'degraded' | 'starting';
  posts: number | null;
  /** The announced content version this instance has caught up with (null without Redis). */
  contentVersion: number | null;
  redis: RedisState;
  /** Posts still waiting for the full-text index. */
  searchPending: number | null;
  /** Load shedding (lib/shed.ts): whether new work is refused now, and how many 503s so far. */
  shedding: ShedState;
  /** Cached pages answered in front of Next (lib/hot-pages.ts). */
  hotPages: ReturnType<typeof hotPagesState>;
  uptime: number;
};

/** What a load balancer asks an instance: ready or not, and what it runs on. */
export function getHealth(): Health {
  const opened = state.ready;
  const redis = redisState();
  const base = {
    contentVersion: appliedVersion(),
    redis,
    shedding: shedState(),
    hotPages: hotPagesState(),
    uptime: Math.round(process.uptime()),
  };
  if (!state.opening) void getIndex().catch(() => undefined);
  if (!opened) return { status: 'starting', posts: null, searchPending: null, ...base };
  const { pending, posts } = searchBacklog(opened.db);
  return { status: redis === 'down' ? 'degraded' : 'ok', posts, searchPending: pending, ...base };
}

/**
 * The date archive at a URL path (`/2021/12/20`, `/gongxinweibao/2021/12`, …, percent-encoded),
 * or a redirect to its own URL, or null (lib/date-archive.ts). Once per request.
 */
export const getDateArchive = cache((path: string) =>
  read((index) =>
    dateArchiveAt(index, path, { names: getTermNames(), pageSize: PAGE_SIZE, now: Date.now() }),
  ),
);
