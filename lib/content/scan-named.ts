// Re-reading named files (a publish, a catch-up after another instance's), in a worker thread:
// each one whole, written in one transaction with its text and search entry, so a new post is
// listed, shown and searchable at once.
import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import type Database from 'better-sqlite3';

import { cached } from '@/lib/content/db';
import { fingerprint, indexable } from '@/lib/content/walk';
import { forgetFile, settleClaims, storeFile, writer, type Fingerprint } from '@/lib/content/write';
import type { IndexedResult } from '@/lib/types';

export type NamedReport = {
  added: number;
  changed: number;
  removed: number;
  scanned: number;
  /** The files written or forgotten (those under `_posts/`, as a full scan would see them). */
  touched: string[];
};

export function scanNamedIn(
  db: Database.Database,
  src: { contentDir: string; timeZone: string },
  only: string[],
  parse: (files: string[]) => IndexedResult[],
): NamedReport {
  // A restricted scan obeys the walk's rules, or the next full scan would undo it.
  const targets = [...new Set(only.map((rel) => path.posix.normalize(rel)))].filter(indexable);
  const seen = new Map<string, Fingerprint>();
  for (const rel of targets) {
    const st = fs.lstatSync(path.join(src.contentDir, rel), { throwIfNoEntry: false });
    if (st?.isFile()) seen.set(rel, fingerprint(st));
  }
  const files = [...seen.keys()];
  const parsed = new Map(parse(files).map((result, i) => [files[i], result]));
  const known = cached(db, 'SELECT 1 FROM files WHERE path = ?').pluck();
  const report: NamedReport = {
    added: 0,
    changed: 0,
    removed: 0,
    scanned: seen.size,
    touched: targets,
  };
  const w = writer(db, src.timeZone);
  db.transaction(() => {
    for (const rel of targets) {
      const isKnown = known.get(rel) !== undefined;
      forgetFile(w, rel);
      const fp = seen.get(rel);
      const result = parsed.get(rel);
      if (fp && result) {
        report[isKnown ? 'changed' : 'added']++;
        storeFile(w, rel, fp, result);
      } else if (isKnown) {
        report.removed++;
        cached(db, 'DELETE FROM files WHERE path = ?').run(rel);
      }
    }
    settleClaims(db, w.touchedKeys);
  }).immediate();
  return report;
}
