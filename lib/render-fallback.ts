// What a reader gets when a body cannot be rendered within its limits (lib/workers/pool.ts):
// the body's text, escaped, a paragraph a line, under a short notice. Linear in the body's
// length, so it is made on the server thread; the body's HTML is not interpreted, only read.
import { plainText } from '@/lib/content/text';
import type { RenderedPost } from '@/lib/render';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);

export const FALLBACK_NOTICE = '正文排版过于复杂，暂以纯文本显示。';

export function plainTextBody(body: string): RenderedPost {
  // Read as HTML even when it is markdown: markdown's own syntax then shows as it was written.
  const text = plainText(body, 'html');
  const paragraphs = text.split('\n').map((line) => `<p>${escape(line)}</p>`);
  const notice = `<p class="render-notice" role="note">${FALLBACK_NOTICE}</p>`;
  return { html: notice + paragraphs.join(''), sourceUrl: null, images: [], text };
}
