// What a publishing request says and whether it may: GitHub's HMAC signature or a bearer token
// (compared in constant time), and which content files a push or a plain call names. Pure.
import crypto from 'node:crypto';

import { NAMES_FILE } from '@/lib/content/names';
import { processWide } from '@/lib/process-wide';

/** Equal strings, compared in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** GitHub's `X-Hub-Signature-256`: `sha256=` + HMAC-SHA256 of the raw body with the secret. */
export function verifyGithubSignature(
  secret: string,
  body: Uint8Array,
  header: string | null,
): boolean {
  if (!secret || !header?.startsWith('sha256=')) return false;
  const expected = `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
  return safeEqual(expected, header.trim().toLowerCase());
}

/**
 * The server's own bearer token, made at start and never shown: the background safety net
 * calls the publishing endpoint with it (Next revalidates pages only inside a request).
 */
export function internalToken(): string {
  return processWide('internalToken', () => crypto.randomBytes(32).toString('hex'));
}

/** `Authorization: Bearer <token>` against the configured token. */
export function verifyBearer(token: string, header: string | null): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return Boolean(token && m?.[1] && safeEqual(token, m[1]));
}

/**
 * A changed path as the content index knows it (`_posts/…`), from a path relative to the
 * content repository (`_posts/x.md`) or to a project repository holding it (`content/_posts/x.md`).
 * The category names file (`_data/categories.yml`) counts too. Null for other files.
 */
export function contentPath(repoPath: string): string | null {
  const parts = repoPath
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p && p !== '.');
  const names = NAMES_FILE.split('/');
  if (parts.slice(-names.length).join('/') === NAMES_FILE) return NAMES_FILE;
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
    ...(payload.head_commit && typeof payload.head_commit === 'object'
      ? [payload.head_commit]
      : []),
  ] as Commit[];
  const files = commits.flatMap((c) => [
    ...strings(c.added),
    ...strings(c.modified),
    ...strings(c.removed),
  ]);
  return [...new Set(files.map(contentPath).filter((p): p is string => p !== null))];
}

/** The files named in a plain JSON call: `{ files: [...] }` or `{ added, modified, removed }`. */
/**
 * What a publish covers: named files; `all`, the whole folder (a change too large to name);
 * `pages`, no file but every page (the index changed in bulk without a publish).
 */
export type Published = string[] | 'all' | 'pages';

export function filesFromCall(body: unknown): Published | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Commit & { files?: unknown; rescan?: unknown; revalidate?: unknown };
  if (b.rescan === true) return 'all';
  if (b.revalidate === 'everything') return 'pages';
  const named = [
    ...strings(b.files),
    ...strings(b.added),
    ...strings(b.modified),
    ...strings(b.removed),
  ];
  if (!Array.isArray(b.files) && named.length === 0) return null;
  return [...new Set(named.map(contentPath).filter((p): p is string => p !== null))];
}
