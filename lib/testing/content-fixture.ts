// A throw-away content folder and index for unit tests: write posts by front matter, open the
// index the app would open, and remove everything afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openIndex, scanContent, type ContentIndex } from '@/lib/content/index';

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
  contentDir: string;
  dbFile: string;
  write: (rel: string, spec?: PostSpec) => string;
  remove: (rel: string) => void;
  /** Opens the index (closed by `cleanup`) and scans the folder. */
  open: () => ContentIndex;
  cleanup: () => void;
};

export function contentFixture(): ContentFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'content-fixture-'));
  const contentDir = path.join(root, 'content');
  fs.mkdirSync(path.join(contentDir, '_posts'), { recursive: true });
  const dbFile = path.join(root, 'index.sqlite');
  const opened: ContentIndex[] = [];
  return {
    contentDir,
    dbFile,
    write(rel, spec = {}) {
      const abs = path.join(contentDir, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, postText(spec));
      // Every write gets its own mtime, so a rewrite is always a visible change to the scanner.
      clock += 10;
      fs.utimesSync(abs, clock, clock);
      return rel;
    },
    remove(rel) {
      fs.rmSync(path.join(contentDir, rel));
    },
    open() {
      const index = openIndex(contentDir, dbFile, 'Asia/Shanghai');
      opened.push(index);
      scanContent(index);
      return index;
    },
    cleanup() {
      for (const index of opened) if (index.db.open) index.db.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
