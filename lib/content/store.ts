// What pages ask of the content: one index per server process, kept fresh by a throttled
// incremental scan, and the getters routes call (lists, taxonomies, one article by URL).
import 'server-only';

import path from 'node:path';

import {
  claimDelivery,
  findChanges,
  countBefore,
  currentPlaces,
  listPosts,
  takePreviousPlaces,
  listProblems,
  listTerms,
  lookupUrl,
  newestUrls,
  openIndex,
  scanContent,
  termName,
  urlForSlug,
  type ContentIndex,
  type PostPlace,
  type ScanReport,
  type TermKind,
} from '@/lib/content/index';
import { pagesToRevalidate, type ListChange } from '@/lib/publish';
import { contentDir, PAGE_SIZE, TIME_ZONE } from '@/lib/site';
import type { ContentError } from '@/lib/types';

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

let refreshing: Promise<void> | null = null;
let lastChecked = Date.now();

/** Looks for changed files off the request path and re-reads only those. */
function refreshInBackground(index: ContentIndex) {
  if (refreshing) return;
  refreshing = findChanges(index)
    .then((changed) => {
      if (changed.length === 0) return;
      scanContent(index, changed);
      logNewProblems(index);
    })
    .catch((error: unknown) => console.error('[content] background scan failed:', error))
    .finally(() => {
      refreshing = null;
    });
}

/**
 * The process's index. The first use in a process brings it up to date before answering (a
 * cold index is built here); after that, changed files are looked for in the background every
 * SCAN_INTERVAL_MS: the safety net for a missed webhook, never a stall for a reader.
 */
export function getIndex(): ContentIndex {
  if (!current) {
    const index = openIndex(contentDir(), indexFile(), TIME_ZONE);
    scanContent(index);
    logNewProblems(index);
    current = index;
  } else if (Date.now() - lastChecked > SCAN_INTERVAL_MS) {
    // Kept in memory: this runs on every request, and the check itself is a background job.
    lastChecked = Date.now();
    refreshInBackground(current);
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

export type Publication = {
  scan: ScanReport;
  paths: string[];
  patterns: string[];
  problems: ContentError[];
};

/**
 * Re-indexes exactly the given content files and works out every page they touch, before and
 * after the change (an earlier background scan may already have applied it: the index keeps
 * what each post was before its last change).
 */
export function publishChanges(files: string[]): Publication {
  const index = getIndex();
  const scan = scanContent(index, files);
  const now = Date.now();
  const places: PostPlace[] = [...takePreviousPlaces(index, files), ...currentPlaces(index, files)];
  const pageOf = (term: { kind: TermKind; name: string } | null, place: PostPlace) =>
    Math.floor(countBefore(index, term, place.date, place.path, now) / PAGE_SIZE) + 1;
  const pagesOf = (term: { kind: TermKind; name: string } | null) =>
    Math.max(1, Math.ceil(countBefore(index, term, Number.MIN_SAFE_INTEGER, '', now) / PAGE_SIZE));

  const lists: ListChange[] = [];
  if (places.length) {
    lists.push({
      list: { kind: 'home' },
      fromPage: Math.min(...places.map((p) => pageOf(null, p))),
      pages: pagesOf(null),
    });
  }
  for (const kind of ['category', 'tag'] as const) {
    const names = new Set(places.flatMap((p) => (kind === 'category' ? p.categories : p.tags)));
    for (const name of names) {
      const term = { kind, name };
      const holders = places.filter((p) =>
        (kind === 'category' ? p.categories : p.tags).includes(name),
      );
      lists.push({
        list: term,
        fromPage: Math.min(...holders.map((p) => pageOf(term, p))),
        pages: pagesOf(term),
      });
    }
  }
  const problems = listProblems(index).filter((p) => files.includes(p.file));
  logNewProblems(index);
  return { scan, ...pagesToRevalidate(places, lists), problems };
}

/** Records a webhook delivery; false when the same delivery was handled before. */
export function claimWebhookDelivery(id: string): boolean {
  return claimDelivery(getIndex(), id, Date.now());
}
