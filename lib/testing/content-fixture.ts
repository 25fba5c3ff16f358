// A throw-away content folder and index for unit tests: write posts by front matter (or raw
// text), open the index the app would open, and remove everything afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openIndex, type ContentIndex } from '@/lib/content/db';
import { scanContent } from '@/lib/content/scan';

export type PostSpec = {
  title?: string;
  /** Front-matter date text, e.g. `2024-03-01 10:00:00 +0800`. */
  date?: string;
  categories?: string;
  tags?: string;
  /** Extra front-matter lines. */
  extra?: string[];
  body?: string;
};

export const FIXTURE_TIME_ZONE = 'Asia/Shanghai';

export function postText(spec: PostSpec): string {
  const title = spec.title ?? 'Untitled';
  return [
    '---',
    'layout: post',
    `title: "${title}"`,
    `date: ${spec.date ?? '2024-03-01 10:00:00 +0800'}`,
    `categories: ${spec.categories ?? 'emnews'}`,
    `tags: ${spec.tags ?? '东财滚动新闻'}`,
    ...(spec.extra ?? []),
    '---',
    spec.body ?? `<p>${title}：正文第一句。</p>`,
    '',
  ].join('\n');
}

let clock = Date.parse('2024-01-01T00:00:00Z') / 1000;

export type ContentFixture = {
  root: string;
  contentDir: string;
  dbFile: string;
  abs: (rel: string) => string;
  write: (rel: string, spec?: PostSpec) => string;
  writeRaw: (rel: string, text: string | Buffer) => string;
  remove: (rel: string) => void;
  /** Opens an index (closed by `cleanup`), by default of this folder into `dbFile`, unscanned. */
  open: (dir?: string, file?: string, timeZone?: string, formerZones?: string[]) => ContentIndex;
  /** Opens the index and scans the folder. */
  scanned: () => Promise<ContentIndex>;
  cleanup: () => void;
};

export function contentFixture(): ContentFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'content-fixture-'));
  const contentDir = path.join(root, 'content');
  fs.mkdirSync(path.join(contentDir, '_posts'), { recursive: true });
  const dbFile = path.join(root, 'cache', 'index.sqlite');
  const opened: ContentIndex[] = [];
  const abs = (rel: string) => path.join(contentDir, rel);
  const writeRaw = (rel: string, text: string | Buffer) => {
    fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
    fs.writeFileSync(abs(rel), text);
    // Every write gets its own mtime, so a rewrite is always a visible change to the scanner.
    clock += 10;
    fs.utimesSync(abs(rel), clock, clock);
    return rel;
  };
  const open = (
    dir = contentDir,
    file = dbFile,
    timeZone = FIXTURE_TIME_ZONE,
    former?: string[],
  ) => {
    const index = openIndex(dir, file, timeZone, former);
    opened.push(index);
    return index;
  };
  return {
    root,
    contentDir,
    dbFile,
    abs,
    writeRaw,
    write: (rel, spec = {}) => writeRaw(rel, postText(spec)),
    remove: (rel) => fs.rmSync(abs(rel)),
    open,
    async scanned() {
      const index = open();
      await scanContent(index);
      return index;
    },
    cleanup() {
      for (const index of opened) if (index.db.open) index.db.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
