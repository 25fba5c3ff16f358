// The whole-folder check behind `npm run check-content`: every file parsed as the site parses
// it, plus what only a whole-folder view shows (duplicate permalinks, future posts).
import fs from 'node:fs';
import path from 'node:path';

import { isCandidate, parsePost } from '@/lib/content/parse';
import { urlKey } from '@/lib/content/permalink';
import type { ContentError } from '@/lib/types';

export type CheckReport = {
  files: number;
  posts: number;
  problems: ContentError[];
  counts: { errors: number; warnings: number; notes: number };
};

function listFiles(dir: string, rel: string, out: string[]) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!isCandidate(entry.name)) continue;
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory()) listFiles(path.join(dir, entry.name), child, out);
    else if (entry.isFile()) out.push(child);
  }
}

const ORDER = { error: 0, warning: 1, note: 2 } as const;

export function checkContent(contentDir: string, opts: { timeZone: string; now: number }): CheckReport {
  const files: string[] = [];
  listFiles(path.join(contentDir, '_posts'), '_posts', files);
  files.sort();
  const problems: ContentError[] = [];
  const byUrl = new Map<string, string[]>();
  let posts = 0;
  for (const file of files) {
    const result = parsePost(file, fs.readFileSync(path.join(contentDir, file)), opts);
    if (!result.ok) {
      problems.push(result.error);
      continue;
    }
    const { post } = result;
    problems.push(...post.warnings);
    if (!post.published) continue;
    posts++;
    if (post.date > opts.now) {
      problems.push({
        file,
        line: 1,
        message: `dated in the future (${new Date(post.date).toISOString()}): hidden until then`,
        severity: 'note',
      });
    }
    const key = urlKey(post.url);
    byUrl.set(key, [...(byUrl.get(key) ?? []), file]);
  }
  for (const [url, claimants] of byUrl) {
    if (claimants.length < 2) continue;
    const [winner, ...others] = claimants;
    for (const file of others) {
      problems.push({
        file,
        line: 1,
        message: `permalink ${url} is also claimed by ${winner}, which the site serves: give this post its own permalink or slug`,
        severity: 'error',
      });
    }
  }
  problems.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.file.localeCompare(b.file) || a.line - b.line);
  const count = (s: ContentError['severity']) => problems.filter((p) => p.severity === s).length;
  return { files: files.length, posts, problems, counts: { errors: count('error'), warnings: count('warning'), notes: count('note') } };
}
