// The renderer's rules as data: what a body may keep, what goes together with its content, what
// counts as hidden. lib/render.ts applies them through DOMPurify; lib/content/text.ts reads a
// body's text by the same rules, so excerpts and search never show what the article hides.
import MarkdownIt from 'markdown-it';

/**
 * Bump whenever the HTML the renderer makes of a body changes: renders stored in the index by
 * an older renderer are then made again (lib/content/bodies.ts).
 */
export const RENDERER_VERSION = '1';

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
 * Elements that, when not allowed, are removed together with everything inside them: code,
 * styles, templates, frames, embeds, media, and what browsers do not show (noscript, noembed,
 * head and title, SVG, MathML annotations). Every other disallowed element is unwrapped: its
 * text stays, as a browser showing the raw post would show it. So an unclosed <form>, <button>,
 * <select>, <math> or <xmp> never takes the rest of the article with it.
 */
// prettier-ignore
export const FORBID_CONTENTS = [
  'annotation-xml', 'audio', 'colgroup', 'desc', 'embed', 'foreignobject', 'head', 'iframe',
  'noembed', 'noframes', 'noscript', 'object', 'script', 'selectedcontent', 'style', 'svg',
  'template', 'thead', 'title', 'video',
];

/** The one inline style kept: text alignment. */
export const TEXT_ALIGN = /^text-align\s*:\s*(left|right|center|justify|start|end)\s*$/i;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

const allowed = new Set(ALLOWED_TAGS);
const forbidContents = new Set(FORBID_CONTENTS);

/** Why an element is removed with its content: not allowed and listed, or hidden; else null. */
export function dropsContent(
  tag: string,
  attr: (name: string) => string | null | undefined,
): 'forbidden' | 'hidden' | null {
  const name = tag.toLowerCase();
  if (name === 'body') return null;
  if (!allowed.has(name) && forbidContents.has(name)) return 'forbidden';
  if (HIDDEN_STYLE.test(attr('style') ?? '') || attr('hidden') != null) return 'hidden';
  return null;
}

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

/**
 * `<xmp>` and `<plaintext>` show their content as literal text (the latter to the end of the
 * page) in a browser; DOMPurify removes them whole when that text looks like markup. Written
 * as the escaped `<pre>` text a browser shows, they keep what follows them.
 */
const LITERAL = /<(xmp|plaintext)\b[^>]*>([\s\S]*?)(?:<\/\1\s*>|$)/gi;
const ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function literalAsText(html: string): string {
  if (!/<(?:xmp|plaintext)\b/i.test(html)) return html;
  return html.replace(LITERAL, (_, _tag: string, text: string) => {
    return `<pre>${text.replace(/[&<>]/g, (c) => ESCAPE[c] ?? c)}</pre>`;
  });
}

/** A body as HTML: markdown rendered (raw HTML passed through), an `.html` body as it is. */
export function bodyHtml(body: string, format: 'markdown' | 'html'): string {
  return literalAsText(format === 'markdown' ? markdown.render(body) : body);
}
