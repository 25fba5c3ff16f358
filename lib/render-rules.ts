// The renderer's rules as data: what a body may keep, what goes together with its content, what
// counts as hidden. lib/render.ts applies them through DOMPurify; lib/content/text.ts reads a
// body's text by the same rules, so excerpts and search never show what the article hides.
import MarkdownIt from 'markdown-it';

/**
 * Changes whenever the renderer's output for the same body changes: renders stored under an older
 * version are made again. '2': obsolete presentational markup mapped to what it means, attributes
 * kept only where HTML allows them, `<object>` and stray `<foreignObject>` unwrapped, inline
 * raw-text elements closed at the end of their paragraph.
 */
export const RENDERER_VERSION = '2';

// prettier-ignore
export const ALLOWED_TAGS = [
  // The container DOMPurify parses into. Not allowing it makes DOMPurify unwrap it: it copies the
  // whole body into the parse document's <html>, and jsdom then scans that copy on every removal.
  'body',
  'p', 'br', 'hr', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote',
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
 * <select>, <math> or <xmp> never takes the rest of the article with it, nor does an <object>
 * (a browser shows its content when the object does not load) or a <foreignObject> outside SVG
 * (there it is an unknown element, shown).
 */
// prettier-ignore
export const FORBID_CONTENTS = [
  'annotation-xml', 'audio', 'colgroup', 'desc', 'embed', 'head', 'iframe', 'noembed',
  'noframes', 'noscript', 'script', 'selectedcontent', 'style', 'svg', 'template', 'thead',
  'title', 'video',
];

/**
 * Obsolete presentational elements that mean more than their text, as what replaces them: an
 * element and the inline style they implied. The sanitizer lets them through, the renderer then
 * swaps them. Every other obsolete element (`<font>`, `<big>`, `<blink>`, `<marquee>`, `<nobr>`…)
 * is simply not allowed, so it is unwrapped: its text stays.
 */
export const OBSOLETE: Record<string, { tag: string; style?: string }> = {
  center: { tag: 'div', style: 'text-align:center' },
  strike: { tag: 's' },
};

/** What DOMPurify lets through: the allow-list plus the obsolete elements swapped afterwards. */
export const SANITIZED_TAGS = [...ALLOWED_TAGS, ...Object.keys(OBSOLETE)];

/** Attributes every kept element may carry (style is cut to text alignment). */
const GLOBAL_ATTRIBUTES = new Set(['title', 'lang', 'dir', 'style']);
/** The other attributes, on the elements HTML defines them for. */
const ELEMENT_ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href']),
  img: new Set(['src', 'alt', 'width', 'height']),
  ol: new Set(['start', 'type', 'reversed']),
  td: new Set(['colspan', 'rowspan']),
  th: new Set(['colspan', 'rowspan']),
};
/** An attribute's value as HTML requires it, from what a post wrote; null drops it. */
const VALUES: Record<string, (value: string) => string | null> = {
  // Browsers read `552px` and `552.5` as 552; a percentage or anything else is no image size.
  width: (v) => /^\s*(\d{1,5})(?:\.\d*)?\s*(?:px)?\s*$/i.exec(v)?.[1] ?? null,
  height: (v) => /^\s*(\d{1,5})(?:\.\d*)?\s*(?:px)?\s*$/i.exec(v)?.[1] ?? null,
  colspan: (v) => (/^\s*\d+\s*$/.test(v) && +v >= 1 && +v <= 1000 ? String(+v) : null),
  rowspan: (v) => (/^\s*\d+\s*$/.test(v) && +v <= 65534 ? String(+v) : null),
  start: (v) => (/^\s*-?\d{1,9}\s*$/.test(v) ? String(+v) : null),
  type: (v) => (/^[1aAiI]$/.test(v.trim()) ? v.trim() : null),
  reversed: () => '',
  dir: (v) => (/^(?:ltr|rtl|auto)$/i.test(v.trim()) ? v.trim().toLowerCase() : null),
  lang: (v) => (v.trim() === '' || wellFormedLanguage(v.trim()) ? v.trim() : null),
};

function wellFormedLanguage(tag: string): boolean {
  try {
    return /^[a-z]{2,3}(?:-|$)/i.test(tag) && Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** Elements whose obsolete `align` attribute means `text-align` (elsewhere it is dropped). */
// prettier-ignore
const ALIGNS_TEXT = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'tr', 'tbody', 'tfoot', 'caption',
  'center',
]);

/**
 * The attributes an element keeps, as `[name, value]`: only those HTML defines for it, with a
 * valid value; an obsolete `align` becomes `text-align` where the element has none. `style` is
 * expected cut to text alignment already.
 */
export function conformingAttributes(
  tag: string,
  attributes: [string, string][],
): [string, string][] {
  const name = tag.toLowerCase();
  const own = ELEMENT_ATTRIBUTES[name];
  const kept: [string, string][] = [];
  for (const [attr, raw] of attributes) {
    if (!GLOBAL_ATTRIBUTES.has(attr) && !own?.has(attr)) continue;
    const value = VALUES[attr] ? VALUES[attr](raw) : raw;
    if (value !== null) kept.push([attr, value]);
  }
  const align = attributes
    .find(([attr]) => attr === 'align')?.[1]
    .trim()
    .toLowerCase();
  const hasAlignment = kept.some(([attr, v]) => attr === 'style' && /text-align/i.test(v));
  if (align && ALIGNS_TEXT.has(name) && !hasAlignment && TEXT_ALIGN.test(`text-align:${align}`)) {
    const style = kept.find(([attr]) => attr === 'style');
    if (style) style[1] = `${style[1]};text-align:${align}`;
    else kept.push(['style', `text-align:${align}`]);
  }
  return kept;
}

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

/** Raw HTML markdown passed on inline, opening an element the HTML parser reads as text. */
const RAW_TEXT_OPEN = /^<(script|style|textarea|title|iframe|noembed|noframes|noscript)(?=[\s/>])/i;

/** A raw-text element that raw HTML opened inside a paragraph and did not close there. */
export type UnclosedInline = { tag: string; line: number; excerpt: string };

/**
 * Markdown escapes a closing tag it cannot read (`</script .com`, `</scr<script>ipt>`), so an
 * inline `<script>` (or `<style>`, `<textarea>`…) whose end tag is malformed would run on to the
 * end of the article, where a browser showing the raw post ends it near where it was written.
 * Each one still open at the end of its paragraph is closed there, and noted in `env.unclosed`.
 */
markdown.core.ruler.push('close_raw_text', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let open: UnclosedInline | null = null;
    let lines = 0;
    for (const child of block.children) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') lines++;
      if (open === null) {
        const m = child.type === 'html_inline' ? RAW_TEXT_OPEN.exec(child.content) : null;
        if (m?.[1])
          open = { tag: m[1].toLowerCase(), line: (block.map?.[0] ?? 0) + 1 + lines, excerpt: '' };
      } else if (
        child.type === 'html_inline' &&
        new RegExp(`^</${open.tag}\\s*>$`, 'i').test(child.content)
      ) {
        open = null;
      } else {
        open.excerpt += child.type === 'html_inline' || child.type === 'text' ? child.content : ' ';
      }
    }
    if (open) {
      const close = new state.Token('html_inline', '', 0);
      close.content = `</${open.tag}>`;
      block.children.push(close);
      const env = state.env as { unclosed?: UnclosedInline[] };
      (env.unclosed ??= []).push({ ...open, excerpt: open.excerpt.replace(/\s+/g, ' ').trim() });
    }
  }
});

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

/**
 * A body as HTML (markdown rendered, raw HTML passed through; an `.html` body as it is), and the
 * raw-text elements the markdown step had to close at the end of their paragraph.
 */
export function bodyMarkup(
  body: string,
  format: 'markdown' | 'html',
): { html: string; unclosed: UnclosedInline[] } {
  if (format === 'html') return { html: literalAsText(body), unclosed: [] };
  const env: { unclosed?: UnclosedInline[] } = {};
  const html = markdown.render(body, env);
  return { html: literalAsText(html), unclosed: env.unclosed ?? [] };
}

/** A body as HTML, as the renderer reads it. */
export function bodyHtml(body: string, format: 'markdown' | 'html'): string {
  return bodyMarkup(body, format).html;
}
