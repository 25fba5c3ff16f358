// Display names of categories from the content repository's `_data/categories.yml` (slug → name),
// as Jekyll sites keep them. The file is looked at (one stat) at most once a second and read again
// only when it changed; a broken file leaves every slug as its own name and is reported.
import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

import { processWide } from '@/lib/process-wide';
import type { ContentError } from '@/lib/types';

/** Where the names live, relative to the content folder. */
export const NAMES_FILE = '_data/categories.yml';
const MAX_BYTES = 256 * 1024;
const CHECK_EVERY_MS = 1000;

export type CategoryNames = {
  /** Lower-cased slug → display name. */
  names: Record<string, string>;
  problems: ContentError[];
  /** Changes whenever the names do (for ETags and logs). */
  version: string;
};

const NONE: CategoryNames = { names: {}, problems: [], version: 'none' };

function problem(line: number, message: string, severity: ContentError['severity'] = 'error') {
  return { file: NAMES_FILE, line, message, severity } satisfies ContentError;
}

/** The names a `_data/categories.yml` text defines, and what is wrong with it. */
export function parseCategoryNames(text: string, version = 'text'): CategoryNames {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0].line ?? 1;
    const message = `${first.message.split('\n')[0]}: fix the YAML (one \`slug: 名称\` a line); until then categories show their slugs`;
    return { names: {}, problems: [problem(line, message)], version };
  }
  if (doc.contents === null) return { ...NONE, version };
  if (!isMap(doc.contents)) {
    const message =
      'expected a mapping of category slugs to names (`emnews: 东方财富`); categories show their slugs';
    return { names: {}, problems: [problem(1, message)], version };
  }
  const names: Record<string, string> = {};
  const problems: ContentError[] = [];
  for (const pair of doc.contents.items) {
    const at = lines.linePos(isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0).line;
    const key = isScalar(pair.key) ? String(pair.key.value).trim() : '';
    const value = isScalar(pair.value) ? pair.value.value : null;
    if (!key || typeof value !== 'string' || !value.trim()) {
      const message = `the name of \`${key || '?'}\` must be non-empty text (\`${key || 'slug'}: 名称\`); it shows its slug`;
      problems.push(problem(at, message, 'warning'));
      continue;
    }
    names[key.toLowerCase()] = value.trim();
  }
  return { names, problems, version };
}

function readNames(file: string, stat: fs.Stats): CategoryNames {
  const version = `${stat.size}-${Math.trunc(stat.mtimeMs)}`;
  if (stat.size > MAX_BYTES) {
    const message = `the file is over ${MAX_BYTES / 1024} KB: keep one \`slug: 名称\` a line; categories show their slugs`;
    return { names: {}, problems: [problem(1, message)], version };
  }
  try {
    return parseCategoryNames(fs.readFileSync(file, 'utf8'), version);
  } catch (error) {
    const message = `cannot be read (${(error as Error).message}); categories show their slugs`;
    return { names: {}, problems: [problem(1, message)], version };
  }
}

type Entry = { checkedAt: number; version: string; value: CategoryNames };
const entries = processWide('category-names', () => new Map<string, Entry>());

/** Reads a content folder's names, or none when it has no names file. Uncached: the checker's. */
export function loadCategoryNames(contentDir: string): CategoryNames {
  const file = path.join(contentDir, NAMES_FILE);
  try {
    return readNames(file, fs.statSync(file));
  } catch {
    return NONE;
  }
}

/**
 * The content folder's names, current to within a second: the file is stat'ed at most once a
 * second and read only when its size or mtime changed. New problems are logged once.
 */
export function categoryNames(contentDir: string, now = Date.now()): CategoryNames {
  const entry = entries.get(contentDir);
  if (entry && now - entry.checkedAt < CHECK_EVERY_MS) return entry.value;
  const file = path.join(contentDir, NAMES_FILE);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = null;
  }
  const version = stat ? `${stat.size}-${Math.trunc(stat.mtimeMs)}` : 'none';
  if (entry && entry.version === version) {
    entry.checkedAt = now;
    return entry.value;
  }
  const value = stat ? readNames(file, stat) : NONE;
  for (const p of value.problems) {
    console.warn(`[content] ${p.file}:${p.line}: ${p.severity}: ${p.message}`);
  }
  entries.set(contentDir, { checkedAt: now, version, value });
  return value;
}
