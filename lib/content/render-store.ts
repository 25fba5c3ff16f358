// Rendering a stored post in a worker thread (lib/workers/content-worker.ts): its file read
// there (at most its start: lib/content/source.ts), rendered within the size limits, and the
// result written into the index for every later reader (lib/content/bodies.ts reads it). What
// is over a limit is kept as its plain-text stand-in, itself capped: no reader ever gets a
// multi-megabyte page, and no thread ever holds a multi-megabyte body twice.
import 'server-only';

import path from 'node:path';

import type Database from 'better-sqlite3';

import { cached } from '@/lib/content/db';
import { packHtml } from '@/lib/content/packed';
import { parsePost } from '@/lib/content/parse';
import { readSource } from '@/lib/content/source';
import { renderBody, type RenderedPost } from '@/lib/render';
import { plainTextBody } from '@/lib/render-fallback';
import { RENDERER_VERSION } from '@/lib/render-rules';

/** Largest body rendered, and largest rendered body kept, in bytes (UTF-8). */
export const RENDER_MAX_BYTES = Number(process.env.RENDER_MAX_BYTES || 512 * 1024);

export type Rendering = {
  body: RenderedPost;
  /** The limit the body went over when it is shown as plain text, else null. */
  overLimit: string | null;
};

/** What a stored post is rendered from: where its file is and which version of it is indexed. */
export type RenderSource = { contentDir: string; path: string; hash: string; timeZone: string };

export type RenderResult =
  | { kind: 'done'; rendering: Rendering }
  /** The file is gone, no longer a post, or not the version the index holds. */
  | { kind: 'stale' };

const bytes = (text: string) => Buffer.byteLength(text);

/** A body over a limit: its text, capped, under a notice (lib/render-fallback.ts). */
export function standIn(body: string, limit: string, truncated = false): Rendering {
  return { body: plainTextBody(body, truncated), overLimit: limit };
}

/**
 * Renders the indexed version of a post within the limits. The time budget is the caller's: it
 * stops the thread (lib/workers/pool.ts), then asks again with `overBudget`, the limit it went
 * over, for the stand-in.
 */
export function renderSource(src: RenderSource, overBudget?: string): RenderResult {
  let file;
  try {
    file = readSource(path.join(src.contentDir, src.path));
  } catch {
    return { kind: 'stale' };
  }
  if (file.hash !== src.hash) return { kind: 'stale' };
  const parsed = parsePost(src.path, file.bytes, { timeZone: src.timeZone, source: file });
  if (!parsed.ok) return { kind: 'stale' };
  const { body, format } = parsed.post;
  const size = file.truncated ? file.size : bytes(body);
  if (size > RENDER_MAX_BYTES) {
    const limit = `the body is ${size} bytes, over RENDER_MAX_BYTES=${RENDER_MAX_BYTES}`;
    return { kind: 'done', rendering: standIn(body, limit, file.truncated) };
  }
  if (overBudget) return { kind: 'done', rendering: standIn(body, overBudget) };
  const rendered = renderBody(body, format);
  if (bytes(rendered.html) > RENDER_MAX_BYTES) {
    const limit = `the rendered body is ${bytes(rendered.html)} bytes, over RENDER_MAX_BYTES=${RENDER_MAX_BYTES}`;
    return { kind: 'done', rendering: standIn(body, limit) };
  }
  return { kind: 'done', rendering: { body: rendered, overLimit: null } };
}

/** Writes a post's rendering into the index, if the post is still the version it was made of. */
export function storeRendering(
  db: Database.Database,
  id: number,
  hash: string,
  rendering: Rendering,
): void {
  db.transaction(() => {
    const post = cached(db, 'SELECT body_hash, date FROM posts WHERE id = ?').get(id) as
      { body_hash: string; date: number } | undefined;
    if (post?.body_hash === hash) {
      const { html, sourceUrl, images } = rendering.body;
      cached(
        db,
        `INSERT OR REPLACE INTO renders (id, hash, renderer, html, source_url, images, over_limit)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        hash,
        RENDERER_VERSION,
        packHtml(html),
        sourceUrl,
        JSON.stringify(images),
        rendering.overLimit,
      );
      // The text is read from the render from now on (lib/content/bodies.ts): stored once.
      cached(db, 'DELETE FROM texts WHERE id = ?').run(id);
    }
    if (post) cached(db, 'DELETE FROM render_queue WHERE date = ? AND id = ?').run(post.date, id);
  }).immediate();
}
