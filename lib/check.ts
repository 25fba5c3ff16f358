// The whole-folder check behind `npm run check-content`: every file read exactly as the site
// reads it (through the same incremental index, kept in a cache file so a second run only
// re-reads what changed), every new or changed body rendered as the site renders it (in the
// worker pool, within the same limits), plus what only a whole-folder view shows: duplicate
// permalinks and posts dated in the future.
import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import { openIndex, type ContentIndex } from '@/lib/content/db';
import { completeFill } from '@/lib/content/fill';
import { loadCategoryNames, NAMES_FILE } from '@/lib/content/names';
import { listProblems } from '@/lib/content/reads';
import { scanContent } from '@/lib/content/scan';
import type { ContentError } from '@/lib/types';

/** Each post whose body the site shows as plain text, as an error at its body's first line. */
function renderProblems(index: ContentIndex): ContentError[] {
  const rows = index.db
    .prepare(
      `SELECT p.path, p.body_line, r.over_limit FROM renders r JOIN posts p ON p.id = r.id
         WHERE r.over_limit IS NOT NULL ORDER BY p.path`,
    )
    .all() as { path: string; body_line: number; over_limit: string }[];
  return rows.map((r) => ({
    file: r.path,
    line: r.body_line,
    message: `the body cannot be rendered within the site's limits (${r.over_limit}): the site shows it as plain text. Simplify its markup or split it`,
    severity: 'error',
  }));
}

/**
 * The names file's own problems, and a warning for each category it does not name (readers
 * would see the slug), placed at the line where the name would go.
 */
function checkNames(index: ContentIndex): ContentError[] {
  const { names, problems } = loadCategoryNames(index.contentDir);
  if (problems.some((p) => p.severity === 'error')) return problems;
  let end = 1;
  try {
    end = fs.readFileSync(path.join(index.contentDir, NAMES_FILE), 'utf8').split('\n').length;
  } catch {
    end = 1;
  }
  const categories = index.db
    .prepare(
      `SELECT MIN(name) AS name, key, COUNT(*) AS posts, MIN(path) AS example FROM terms
         WHERE kind = 'category' GROUP BY key ORDER BY key`,
    )
    .all() as { name: string; key: string; posts: number; example: string }[];
  const unnamed = categories
    .filter((c) => names[c.key] === undefined)
    .map((c): ContentError => ({
      file: NAMES_FILE,
      line: end,
      message: `category "${c.name}" (${c.posts} post(s), e.g. ${c.example}) has no display name: add \`${c.key}: 名称\` to ${NAMES_FILE}; until then readers see "${c.name}"`,
      severity: 'warning',
    }));
  return [...problems, ...unnamed];
}

export type CheckReport = {
  files: number;
  posts: number;
  problems: ContentError[];
  counts: { errors: number; warnings: number; notes: number };
};

const ORDER = { error: 0, warning: 1, note: 2 } as const;

export async function checkContent(
  contentDir: string,
  opts: { timeZone: string; now: number; cacheFile: string },
): Promise<CheckReport> {
  const index = openIndex(contentDir, opts.cacheFile, opts.timeZone);
  try {
    const scan = await scanContent(index);
    // Every text (the warnings only a whole body gives) and every new render, as the site makes them.
    await completeFill(index, 'all');
    const { db } = index;
    const problems: ContentError[] = [
      ...scan.unreadable,
      ...listProblems(index),
      ...renderProblems(index),
      ...checkNames(index),
    ];

    const clashes = db
      .prepare(
        `SELECT url, json_group_array(path) AS paths FROM (SELECT url, url_key, path FROM posts ORDER BY path)
         GROUP BY url_key HAVING COUNT(*) > 1`,
      )
      .all() as { url: string; paths: string }[];
    for (const clash of clashes) {
      const [winner, ...others] = JSON.parse(clash.paths) as string[];
      for (const file of others) {
        problems.push({
          file,
          line: 1,
          message: `permalink ${clash.url} is also claimed by ${winner}, which the site serves: give this post its own permalink or slug`,
          severity: 'error',
        });
      }
    }

    const future = db
      .prepare('SELECT path, date FROM posts WHERE date > ? ORDER BY path')
      .all(opts.now) as { path: string; date: number }[];
    for (const post of future) {
      problems.push({
        file: post.path,
        line: 1,
        message: `dated in the future (${new Date(post.date).toISOString()}): hidden until then`,
        severity: 'note',
      });
    }

    problems.sort(
      (a, b) =>
        ORDER[a.severity] - ORDER[b.severity] || a.file.localeCompare(b.file) || a.line - b.line,
    );
    const count = (s: ContentError['severity']) => problems.filter((p) => p.severity === s).length;
    return {
      files: db.prepare('SELECT COUNT(*) FROM files').pluck().get() as number,
      posts: db.prepare('SELECT COUNT(*) FROM posts').pluck().get() as number,
      problems,
      counts: { errors: count('error'), warnings: count('warning'), notes: count('note') },
    };
  } finally {
    index.db.close();
  }
}
