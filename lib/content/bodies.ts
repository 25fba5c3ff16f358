// Rendered bodies as the index keeps them (written by lib/content/render-store.ts in a worker
// thread): a render counts when it was made of the file version the index holds (its hash) by
// the renderer of this build (RENDERER_VERSION). Read on the server's thread: one row, inflated.
import 'server-only';

import { cached, type ContentIndex } from '@/lib/content/db';
import { unpack } from '@/lib/content/packed';
import { plainText } from '@/lib/content/text';
import type { Rendering } from '@/lib/content/render-store';
import { CUT_NOTICE, FALLBACK_NOTICE } from '@/lib/render-fallback';
import { RENDERER_VERSION } from '@/lib/render-rules';

type Row = {
  hash: string;
  renderer: string;
  html: Buffer;
  source_url: string | null;
  images: string;
  over_limit: string | null;
};

const NOTICES = new Set([FALLBACK_NOTICE, CUT_NOTICE]);

/** The text readers are shown of a rendered body (notices are not the article's). */
function textOfHtml(html: string): string {
  return plainText(html, 'html')
    .split('\n')
    .filter((line) => !NOTICES.has(line))
    .join('\n');
}

/**
 * Post `id`'s plain text, for search: as the fill stored it, or, once the post is rendered (the
 * text is then dropped), from its render. Empty before either exists.
 */
export function storedText(index: ContentIndex, id: number): string {
  const z = cached(index.db, 'SELECT z FROM texts WHERE id = ?').pluck().get(id) as
    Buffer | undefined;
  if (z) return unpack(z);
  const html = cached(index.db, 'SELECT html FROM renders WHERE id = ?').pluck().get(id) as
    Buffer | undefined;
  return html ? textOfHtml(unpack(html)) : '';
}

/** The stored rendering of post `id` at file version `hash`, or null when there is none yet. */
export function storedRendering(index: ContentIndex, id: number, hash: string): Rendering | null {
  const row = cached(
    index.db,
    'SELECT hash, renderer, html, source_url, images, over_limit FROM renders WHERE id = ?',
  ).get(id) as Row | undefined;
  if (!row || row.hash !== hash || row.renderer !== RENDERER_VERSION) return null;
  const html = unpack(row.html);
  const text = textOfHtml(html);
  return {
    body: { html, sourceUrl: row.source_url, images: JSON.parse(row.images) as string[], text },
    overLimit: row.over_limit,
  };
}
