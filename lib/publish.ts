// Publishing: who may trigger it (GitHub's HMAC signature or a bearer token, compared in
// constant time), which content files a push changed, and which pages those changes touch.
// Pure functions; the route and lib/content/store.ts do the I/O.
import crypto from 'node:crypto';

import type { PostPlace } from '@/lib/content/index';
import { articleHref, categoryHref, homeHref, tagHref } from '@/lib/format';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** GitHub's `X-Hub-Signature-256`: `sha256=` + HMAC-SHA256 of the raw body with the secret. */
export function verifyGithubSignature(secret: string, body: Uint8Array, header: string | null): boolean {
  if (!secret || !header?.startsWith('sha256=')) return false;
  const expected = `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
  return safeEqual(expected, header.trim().toLowerCase());
}

/** `Authorization: Bearer <token>` against the configured token. */
export function verifyBearer(token: string, header: string | null): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return Boolean(token && m?.[1] && safeEqual(token, m[1]));
}

/**
 * A changed path as the content index knows it (`_posts/…`), from a path relative to the
 * content repository (`_posts/x.md`) or to a project repository holding it (`content/_posts/x.md`).
 * Null for files that are not under a `_posts` folder.
 */
export function contentPath(repoPath: string): string | null {
  const parts = repoPath.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
  const at = parts.indexOf('_posts');
  if (at < 0 || at === parts.length - 1 || parts.includes('..')) return null;
  return parts.slice(at).join('/');
}

type Commit = { added?: unknown; modified?: unknown; removed?: unknown };

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The content files added, modified or removed by a GitHub push payload's commits. */
export function filesFromPush(payload: { commits?: unknown; head_commit?: unknown }): string[] {
  const commits = [
    ...(Array.isArray(payload.commits) ? payload.commits : []),
    ...(payload.head_commit && typeof payload.head_commit === 'object' ? [payload.head_commit] : []),
  ] as Commit[];
  const files = commits.flatMap((c) => [...strings(c.added), ...strings(c.modified), ...strings(c.removed)]);
  return [...new Set(files.map(contentPath).filter((p): p is string => p !== null))];
}

/** The files named in a plain JSON call: `{ files: [...] }` or `{ added, modified, removed }`. */
export function filesFromCall(body: unknown): string[] | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Commit & { files?: unknown };
  const named = [...strings(b.files), ...strings(b.added), ...strings(b.modified), ...strings(b.removed)];
  if (!Array.isArray(b.files) && named.length === 0) return null;
  return [...new Set(named.map(contentPath).filter((p): p is string => p !== null))];
}

/** A list a post appears in, and the page from which its arrival or departure shifts entries. */
export type ListChange = {
  list: { kind: 'home' } | { kind: 'category' | 'tag'; name: string };
  /** First page whose content changed (1-based). */
  fromPage: number;
  /** Number of pages the list has now (at least 1). */
  pages: number;
};

/** Beyond this many pages of one list, revalidate the whole route pattern instead. */
export const MAX_LIST_PAGES = 200;

/**
 * Every path to revalidate: the articles (old and new URL), each list page from the first one
 * that changed to the end (entries after a change shift by one), the taxonomy indexes.
 * Patterns (`/page/[n]`) are returned for lists too long to name page by page.
 */
export function pagesToRevalidate(
  places: PostPlace[],
  lists: ListChange[],
): { paths: string[]; patterns: string[] } {
  const paths = new Set<string>(['/', '/categories', '/tags', '/feed.xml', '/sitemap.xml']);
  const patterns = new Set<string>();
  for (const place of places) paths.add(articleHref(place.url));
  for (const change of lists) {
    const { list } = change;
    const href =
      list.kind === 'home' ? homeHref : list.kind === 'category' ? (n: number) => categoryHref(list.name, n) : (n: number) => tagHref(list.name, n);
    paths.add(href(1));
    if (list.kind !== 'home') paths.add(`${href(1)}/feed.xml`);
    // One page past the end: a list that shrank loses its last page.
    const last = change.pages + 1;
    if (last - change.fromPage > MAX_LIST_PAGES) {
      patterns.add(list.kind === 'home' ? '/page/[n]' : `/${list.kind}/[${list.kind === 'category' ? 'name' : 'tag'}]/page/[n]`);
      continue;
    }
    for (let n = Math.max(2, change.fromPage); n <= last; n++) paths.add(href(n));
  }
  return { paths: [...paths], patterns: [...patterns] };
}
