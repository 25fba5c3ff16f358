// What a reader gets when a body cannot be rendered within its limits (lib/content/render-store.ts):
// the body's text, escaped, a paragraph a line, under a short notice; past STAND_IN_BYTES only
// the start, and a notice saying so. Made in a worker thread from at most the body's start, so
// neither the thread nor the page ever holds a multi-megabyte body.
import { plainText } from '@/lib/content/text';
import type { RenderedPost } from '@/lib/render';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);

export const FALLBACK_NOTICE = '正文排版过于复杂，暂以纯文本显示。';
export const CUT_NOTICE = '正文过长，以上仅显示开头部分。';

/** Bytes of text a stand-in shows at most (UTF-8). */
export const STAND_IN_BYTES = 256 * 1024;

/** `text` cut to at most `max` UTF-8 bytes, at a line end when one is near. */
function cutText(text: string, max: number): { text: string; cut: boolean } {
  if (Buffer.byteLength(text) <= max) return { text, cut: false };
  // A character is at most 3 bytes in UTF-8 (4 for a surrogate pair, which is 2 characters).
  let head = text.slice(0, Math.floor(max / 3));
  const line = head.lastIndexOf('\n');
  if (line > head.length * 0.8) head = head.slice(0, line);
  return { text: head, cut: true };
}

/** `truncated`: `body` is already only the start of the post's body. */
export function plainTextBody(body: string, truncated = false, max = STAND_IN_BYTES): RenderedPost {
  // The text of at most a few times the shown size: it is never longer than its source.
  const source = body.length > 4 * max ? body.slice(0, 4 * max) : body;
  // Read as HTML even when it is markdown: markdown's own syntax then shows as it was written.
  const { text, cut } = cutText(plainText(source, 'html'), max);
  const paragraphs = text.split('\n').map((line) => `<p>${escape(line)}</p>`);
  const notice = `<p class="render-notice" role="note">${FALLBACK_NOTICE}</p>`;
  const end =
    cut || truncated || source !== body
      ? `<p class="render-notice" role="note">${CUT_NOTICE}</p>`
      : '';
  return { html: notice + paragraphs.join('') + end, sourceUrl: null, images: [], text };
}
