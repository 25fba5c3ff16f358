// The live-news endpoint's contract: which list a reader watches (`home`, `category/<slug>`,
// `tag/<name>`), and the answer's validator and caching. Pure.
import crypto from 'node:crypto';

import type { PostCardData } from '@/lib/cards';
import type { Term } from '@/lib/terms';
import { KINDS } from '@/lib/terms';

/** How many of a list's newest posts one answer holds. */
export const LIVE_LIMIT = 20;

/**
 * Browsers must ask every time (max-age=0) and so learn of news within one poll; a shared cache
 * (nginx's micro-cache) may answer for two seconds, so a thousand readers of one list cost the
 * origin about one request in two seconds per instance and list.
 */
export const LIVE_CACHE_CONTROL = 'public, max-age=0, s-maxage=2, stale-while-revalidate=2';

/** The list a `list` parameter names: null for home, a term, or undefined when it names none. */
export function liveList(param: string | null): Term | null | undefined {
  if (param === 'home') return null;
  const m = /^([a-z]+)\/(.{1,200})$/su.exec(param ?? '');
  const kind = KINDS.find((k) => k === m?.[1]);
  return kind && m?.[2] ? { kind, name: m[2] } : undefined;
}

/** The `list` parameter of home (null) or a term. */
export function liveParam(term: Term | null): string {
  return term ? `${term.kind}/${term.name}` : 'home';
}

/** The answer's body and its strong validator (a hash of the body: equal bodies, equal tags). */
export function liveBody(items: PostCardData[]): { body: string; etag: string } {
  const body = JSON.stringify({ items });
  const hash = crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22);
  return { body, etag: `"${hash}"` };
}

/** Whether an `If-None-Match` header names `etag` (a list, `*`, or a weak form of it). */
export function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
