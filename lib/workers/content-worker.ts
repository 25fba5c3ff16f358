// The code that runs in the worker threads of lib/workers/pool.ts, bundled by
// scripts/build-workers.mjs: rendering a body (markdown-it, DOMPurify on jsdom), which a hostile
// body can make slow, and reading post files for a scan, which a cold index does by the
// thousand. Each export is one kind of task; arguments and results cross threads by value.
import fs from 'node:fs';
import path from 'node:path';

import { parsePost } from '@/lib/content/parse';
import { renderBody, type RenderedPost } from '@/lib/render';
import type { IndexedResult } from '@/lib/types';

export type RenderTask = { body: string; format: 'markdown' | 'html' };

export function render(task: RenderTask): RenderedPost {
  return renderBody(task.body, task.format);
}

export type ParseTask = {
  contentDir: string;
  files: string[];
  timeZone: string;
  aliasZones: string[];
};

/** Reads and parses files; posts come back without their body (the index does not keep it). */
export function parse(task: ParseTask): IndexedResult[] {
  return task.files.map((rel): IndexedResult => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(task.contentDir, rel));
    } catch (error) {
      const message = `could not read: ${String(error)}`;
      return { ok: false, error: { file: rel, line: 1, message, severity: 'error' } };
    }
    const result = parsePost(rel, bytes, task);
    if (!result.ok) return result;
    const { body, ...post } = result.post;
    return { ok: true, post };
  });
}
