// What pages ask of the content: one index per server process, kept fresh by a throttled
// incremental scan, and the getters routes call (lists, taxonomies, one article by URL).
import 'server-only';

import path from 'node:path';

import { cache } from 'react';

import {
  listPosts,
  listProblems,
  listTerms,
  lookupUrl,
  newestUrls,
  openIndex,
  readPost,
  scanContent,
  lastScan,
  termName,
  urlForSlug,
  type ContentIndex,
  type TermKind,
} from '@/lib/content/index';
import { renderBody } from '@/lib/render';
import { contentDir, PAGE_SIZE, TIME_ZONE } from '@/lib/site';
import type { Post } from '@/lib/types';

const SCAN_INTERVAL_MS = Number(process.env.SCAN_INTERVAL_MS ?? 10_000);

let current: ContentIndex | null = null;
const reported = new Set<string>();

function indexFile(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ process.env.INDEX_FILE ??
      path.join(process.env.NEXT_DIST_DIR || '.next', 'cache', 'content-index.sqlite'),
  );
}

function logNewProblems(index: ContentIndex) {
  for (const p of listProblems(index)) {
    if (p.severity !== 'error') continue;
    const line = `${p.file}:${p.line}: ${p.message}`;
    if (reported.has(line)) continue;
    reported.add(line);
    console.warn(`[content] skipped ${line}`);
  }
}

/** The process's index, scanned when it was last scanned longer ago than the scan interval. */
export function getIndex(): ContentIndex {
  if (!current) current = openIndex(contentDir(), indexFile(), TIME_ZONE);
  if (Date.now() - lastScan(current) > SCAN_INTERVAL_MS) {
    const report = scanContent(current);
    if (report.touched.length) logNewProblems(current);
  }
  return current;
}

export function getPostList(page: number) {
  return listPosts(getIndex(), { page, size: PAGE_SIZE, now: Date.now() });
}

export function getTermPage(kind: TermKind, name: string, page: number) {
  const index = getIndex();
  const display = termName(index, kind, name);
  if (display === null) return null;
  const list = listPosts(index, { page, size: PAGE_SIZE, now: Date.now(), term: { kind, name } });
  return list ? { name: display, ...list } : null;
}

export function getTerms(kind: TermKind) {
  return listTerms(getIndex(), kind, Date.now());
}

export type Article =
  | { kind: 'post'; post: Post; html: string; sourceUrl: string | null }
  | { kind: 'redirect'; url: string };

/** The article at a decoded URL path, rendered and sanitized; or where its old URL now lives. */
export const getArticle = cache((url: string): Article | null => {
  const index = getIndex();
  const hit = lookupUrl(index, url, Date.now());
  if (!hit) return null;
  if (hit.kind === 'redirect') return hit;
  const post = readPost(index, hit.path);
  if (!post) return null;
  const { html, sourceUrl } = renderBody(post.body, post.format);
  return { kind: 'post', post, html, sourceUrl };
});

/** Where an old Jekyll URL of a post now lives, when it is not the post's own URL. */
export function getOldArticleTarget(url: string): string | null {
  const hit = lookupUrl(getIndex(), url, Date.now());
  return hit?.kind === 'redirect' ? hit.url : null;
}

export function getNewestUrls(limit: number): string[] {
  return newestUrls(getIndex(), limit, Date.now());
}

export function getUrlForSlug(slug: string): string | null {
  return urlForSlug(getIndex(), slug, Date.now());
}
