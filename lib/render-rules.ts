// The renderer's rules as data: what a body may keep, what goes together with its content, what
// counts as hidden. lib/render.ts applies them through DOMPurify; lib/content/text.ts reads a
// body's text by the same rules, so excerpts and search never show what the article hides.
import MarkdownIt from 'markdown-it';

// prettier-ignore
export const ALLOWED_TAGS = [
  // The container DOMPurify parses into. Not allowing it makes DOMPurify unwrap it: it copies the
  // whole body into the parse document's <html>, and jsdom then scans that copy on every removal.
  'body',
  'p', 'br', 'hr', 'div', 'span', 'center', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote',
  'pre', 'code', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark',
  'a', 'img', 'figure', 'figcaption', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead',
  'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
];
// prettier-ignore
export const ALLOWED_ATTR = [
  'href', 'title', 'alt', 'src', 'width', 'height', 'colspan', 'rowspan', 'align', 'style',
  'lang', 'dir', 'start', 'type', 'reversed',
];
/**
 * Elements that, when not allowed, are removed together with everything inside them: DOMPurify's
 * own list (scripts, styles, templates, frames, foreign content) plus forms, media and embeds.
 * Every other disallowed element is unwrapped: its text stays.
 */
// prettier-ignore
export const FORBID_CONTENTS = [
  'annotation-xml', 'audio', 'colgroup', 'desc', 'foreignobject', 'head', 'iframe', 'math', 'mi',
  'mn', 'mo', 'ms', 'mtext', 'noembed', 'noframes', 'noscript', 'plaintext', 'script',
  'selectedcontent', 'style', 'svg', 'template', 'thead', 'title', 'video', 'xmp',
  'form', 'button', 'select', 'textarea', 'object', 'embed',
];
/** The one inline style kept: text alignment. */
export const TEXT_ALIGN = /^text-align\s*:\s*(left|right|center|justify|start|end)\s*$/i;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;
/** Link targets that run code or smuggle documents: the link goes with its text. */
export const SCRIPT_URL = /^(?:javascript|vbscript|data):/i;

const allowed = new Set(ALLOWED_TAGS);
const forbidContents = new Set(FORBID_CONTENTS);

/** Whether an element is removed with its content: not allowed and listed, or hidden, or a script link. */
export function dropsContent(
  tag: string,
  attr: (name: string) => string | null | undefined,
): boolean {
  const name = tag.toLowerCase();
  if (name === 'body') return false;
  if (!allowed.has(name) && forbidContents.has(name)) return true;
  if (HIDDEN_STYLE.test(attr('style') ?? '') || attr('hidden') != null) return true;
  const href = (attr('href') ?? '').replace(/[\u0000-\u0020]/g, '');
  return name === 'a' && SCRIPT_URL.test(href);
}

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** A body as HTML: markdown rendered (raw HTML passed through), an `.html` body as it is. */
export function bodyHtml(body: string, format: 'markdown' | 'html'): string {
  return format === 'markdown' ? markdown.render(body) : body;
}
