// Finding the post files of a content folder, streamed: a million files are walked without a
// list of them in memory (`opendir` reads entries a batch at a time). Used in worker threads:
// the bulk scan and the background check (lib/content/scan.ts).
import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import { isCandidate } from '@/lib/content/parse';
import type { Fingerprint } from '@/lib/content/write';
import type { ContentError } from '@/lib/types';

export const POST_EXTENSION = /\.(md|markdown|html)$/i;

/** A path a full scan would index: a post-like file under `_posts/`, no hidden or `_` segment. */
export function indexable(rel: string): boolean {
  const segments = rel.split('/');
  return (
    segments[0] === '_posts' &&
    segments.length > 1 &&
    segments.slice(1).every(isCandidate) &&
    POST_EXTENSION.test(rel)
  );
}

export function fingerprint(st: fs.Stats): Fingerprint {
  return { size: st.size, mtime: Math.trunc(st.mtimeMs) };
}

function unreadableFolder(rel: string, error: unknown): ContentError {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    file: rel,
    line: 1,
    message: `folder cannot be read (${reason}): its posts are kept as they were. Fix its permissions`,
    severity: 'error',
  };
}

/** Whether `rel` lies in one of the unreadable folders. */
export function inUnreadable(rel: string, folders: ContentError[]): boolean {
  return folders.some((f) => rel.startsWith(`${f.file}/`));
}

/**
 * Every post file under `_posts/` (relative path and fingerprint, stat-ed synchronously: this
 * runs in a worker thread), one at a time; folders that cannot be read are added to `unreadable`.
 */
export function* postFiles(
  contentDir: string,
  unreadable: ContentError[],
): Generator<{ rel: string; fp: Fingerprint }> {
  for (const rel of postPaths(contentDir, unreadable)) {
    const st = fs.statSync(path.join(contentDir, rel), { throwIfNoEntry: false });
    if (st) yield { rel, fp: fingerprint(st) };
  }
}

/** Every post file under `_posts/`, by path only (a cold index takes fingerprints as it reads). */
export function* postPaths(contentDir: string, unreadable: ContentError[]): Generator<string> {
  const dirs: { rel: string; root: boolean }[] = [{ rel: '_posts', root: true }];
  for (let next = dirs.pop(); next; next = dirs.pop()) {
    let dir: fs.Dir;
    try {
      dir = fs.opendirSync(path.join(contentDir, next.rel), { bufferSize: 256 });
    } catch (error) {
      // A folder deleted since its parent was listed is gone; anything else is unreadable.
      if (next.root || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
        unreadable.push(unreadableFolder(next.rel, error));
      }
      continue;
    }
    try {
      for (let entry = dir.readSync(); entry; entry = dir.readSync()) {
        if (!isCandidate(entry.name)) continue;
        const child = `${next.rel}/${entry.name}`;
        if (entry.isDirectory()) dirs.push({ rel: child, root: false });
        else if (entry.isFile() && POST_EXTENSION.test(entry.name)) yield child;
      }
    } finally {
      dir.closeSync();
    }
  }
}

/**
 * How many post files there are, and the newest `limit` of them by file name (the name starts
 * with the date): what `next build` indexes of a large archive.
 */
export function newestPostFiles(
  contentDir: string,
  limit: number,
): { total: number; newest: string[] } {
  const all: { rel: string; name: string }[] = [];
  const dirs = ['_posts'];
  for (let rel = dirs.pop(); rel !== undefined; rel = dirs.pop()) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(contentDir, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!isCandidate(entry.name)) continue;
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) dirs.push(child);
      else if (entry.isFile() && POST_EXTENSION.test(entry.name))
        all.push({ rel: child, name: entry.name });
    }
  }
  all.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  return { total: all.length, newest: all.slice(0, limit).map((f) => f.rel) };
}
