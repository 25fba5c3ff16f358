// Getters for the pages readers arrive at from outside: articles with what their share cards need,
// search results, feeds and sitemaps. All read the process's index (lib/content/store.ts).
import 'server-only';

import crypto from 'node:crypto';

import { cache } from 'react';

import { lookupUrl, readPost, termName, type TermKind } from '@/lib/content/index';
import { feedPosts } from '@/lib/content/feeds';
import { searchPosts } from '@/lib/content/search';
import { SITEMAP_MAX_URLS, sitemapPlan, sitemapUrls, type SitemapUrl } from '@/lib/content/sitemap';
import { getIndex, getPostList, getTermPage, getTerms } from '@/lib/content/store';
import { FEED_SIZE, MAX_CONTENT_CHARS, type FeedItem } from '@/lib/feed';
import { categoryHref, homeHref, tagHref } from '@/lib/format';
import { renderBody, type RenderedPost } from '@/lib/render';
import { categoryFeed, SITE_FEED, tagFeed } from '@/lib/seo';
import { PAGE_SIZE } from '@/lib/site';
import type { Post } from '@/lib/types';

export type ArticleView =
  | { kind: 'post'; post: Post; html: string; sourceUrl: string | null; firstImage: string | null }
  | { kind: 'redirect'; url: string };

/**
 * The article at a decoded URL path, rendered, with its first image for share cards; or where
 * its old URL now lives. Once per request: metadata and page share it.
 */
export const getArticleView = cache((url: string): ArticleView | null => {
  const index = getIndex();
  const hit = lookupUrl(index, url, Date.now());
  if (!hit) return null;
  if (hit.kind === 'redirect') return hit;
  const post = readPost(index, hit.path);
  if (!post) return null;
  return { kind: 'post', post, ...renderedBody(post) };
});

/** Sanitized bodies by post version: ISR re-renders a page every minute, the body once. */
const rendered = new Map<string, RenderedPost>();
const MAX_RENDERED = 256;

function renderedBody(post: Post): RenderedPost {
  const key = `${post.path}\0${post.format}\0${crypto.createHash('sha1').update(post.body).digest('base64')}`;
  let out = rendered.get(key);
  if (out) {
    rendered.delete(key);
  } else {
    out = renderBody(post.body, post.format);
    if (rendered.size >= MAX_RENDERED) rendered.delete(rendered.keys().next().value ?? '');
  }
  rendered.set(key, out);
  return out;
}

/** One page of the home list, once per request (metadata and page share it). */
export const getHomeList = cache((page: number) => getPostList(page));

/** One page of a category or tag list, once per request. */
export const getTermList = cache((kind: TermKind, name: string, page: number) =>
  getTermPage(kind, name, page),
);

/** Every category or tag with its count, once per request. */
export const getTermCounts = cache((kind: TermKind) => getTerms(kind));

export function getSearchResults(terms: string[], page: number) {
  return searchPosts(getIndex(), { terms, page, size: PAGE_SIZE, now: Date.now() });
}

export type FeedData = { title: string; feedPath: string; pagePath: string; items: FeedItem[] };

/** The newest posts of the site, or of one category or tag (null when none is visible). */
export function getFeed(term?: { kind: TermKind; name: string }): FeedData | null {
  const index = getIndex();
  const now = Date.now();
  let head: Omit<FeedData, 'items'> = {
    title: SITE_FEED.title,
    feedPath: SITE_FEED.path,
    pagePath: homeHref(),
  };
  if (term) {
    const name = termName(index, term.kind, term.name, now);
    if (name === null) return null;
    const link = term.kind === 'category' ? categoryFeed(name) : tagFeed(name);
    const pagePath = term.kind === 'category' ? categoryHref(name) : tagHref(name);
    head = { title: link.title, feedPath: link.path, pagePath };
  }
  const items = feedPosts(index, { now, limit: FEED_SIZE, term }).map((p): FeedItem => {
    const post = readPost(index, p.path);
    // A body too long for a feed is not rendered at all (the entry keeps its summary).
    const html =
      post && post.body.length <= MAX_CONTENT_CHARS
        ? renderBody(post.body, post.format).html
        : null;
    return { ...p, html };
  });
  return { ...head, items };
}

export type Sitemap =
  | { kind: 'urlset'; urls: SitemapUrl[] }
  | { kind: 'index'; files: { n: number; lastmod: number }[] };

/** All URLs in one sitemap, or past SITEMAP_MAX_URLS an index of the sitemap files. */
export function getSitemap(): Sitemap {
  const index = getIndex();
  const now = Date.now();
  const plan = sitemapPlan(index, now);
  if (plan.files.length === 1) {
    return {
      kind: 'urlset',
      urls: sitemapUrls(index, { now, offset: 0, limit: SITEMAP_MAX_URLS }),
    };
  }
  return { kind: 'index', files: plan.files.map((f, i) => ({ n: i + 1, lastmod: f.lastmod })) };
}

/** The URLs of sitemap file `n` (1-based), or null past the last file. */
export function getSitemapFile(n: number): SitemapUrl[] | null {
  const index = getIndex();
  const now = Date.now();
  const { files } = sitemapPlan(index, now);
  if (!Number.isInteger(n) || n < 1 || n > files.length) return null;
  return sitemapUrls(index, { now, offset: (n - 1) * SITEMAP_MAX_URLS, limit: SITEMAP_MAX_URLS });
}
