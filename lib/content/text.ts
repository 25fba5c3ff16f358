// Plain text of a post body as readers are shown it, for excerpts, derived titles and search:
// the body as HTML (markdown rendered), read with htmlparser2 by the renderer's rules
// (lib/render-rules.ts), so nothing the article hides or drops shows up here. Paragraphs made
// only of links (source and back-links) are left out. Linear in the body's length.
import { Parser } from 'htmlparser2';

import { truncate } from '@/lib/format';
import { bodyMarkup, dropsContent } from '@/lib/render-rules';

/** Elements that start and end a line of text. */
// prettier-ignore
const BLOCK = new Set([
  'p', 'div', 'br', 'hr', 'center', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl',
  'dt', 'dd', 'tr', 'table', 'blockquote', 'pre', 'section', 'article', 'figure', 'figcaption',
  'header', 'footer', 'caption',
]);
/** Text between links that does not make a paragraph more than a list of links. */
const SEPARATORS = /^[\s｜|·]*$/;

/** Collects lines; a `<p>` holding nothing but links is dropped when it ends. */
class Lines {
  readonly done: string[] = [];
  private line = '';
  private linkOnly = true;
  private linked = false;

  text(t: string, inLink: boolean) {
    this.line += t;
    if (inLink) this.linked = true;
    else if (!SEPARATORS.test(t)) this.linkOnly = false;
  }

  /** Ends the current line; `paragraph`: it was a whole `<p>`, which may be only links. */
  end(paragraph: boolean) {
    const flat = this.line.replaceAll('<>', '').replace(/\s+/g, ' ').trim();
    if (flat && !(paragraph && this.linked && this.linkOnly)) this.done.push(flat);
    this.line = '';
    this.linkOnly = true;
    this.linked = false;
  }
}

/**
 * Content the renderer removes although a reader might have expected to see it: inside an
 * element removed with its content (`inside`), after one that is never closed (`unclosed`), or
 * after a raw-text element raw HTML opened in a markdown paragraph and did not close there, up to
 * the paragraph's end (`paragraph`).
 */
export type DroppedContent = {
  tag: string;
  line: number;
  excerpt: string;
  how: 'inside' | 'unclosed' | 'paragraph';
};

/** Elements whose content is code or metadata: removing it is never a loss for a reader. */
const NOT_CONTENT = new Set(['script', 'style', 'template', 'head', 'title']);

/** The line (1-based, in the body) of the `nth` opening `<tag` of the raw body. */
function lineOfTag(body: string, tag: string, nth: number): number {
  const re = new RegExp(`<${tag}\\b`, 'gi');
  let at = 0;
  for (let i = 0; i <= nth; i++) {
    const m = re.exec(body);
    if (!m) break;
    at = m.index;
  }
  return body.slice(0, at).split('\n').length;
}

/** A body's text as readers are shown it, and the content the renderer's rules remove. */
export function readBody(body: string, format: 'markdown' | 'html' = 'markdown') {
  const lines = new Lines();
  const found: DroppedContent[] = [];
  const seen = new Map<string, number>();
  /** Depth inside an element removed with its content (0: outside), and what it held. */
  let dropped = 0;
  let current: { tag: string; nth: number; text: string; code: boolean } | null = null;
  let links = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const nth = seen.get(name) ?? 0;
        seen.set(name, nth + 1);
        if (dropped > 0) {
          dropped++;
          return;
        }
        const why = dropsContent(name, (a) => attrs[a]);
        if (why) {
          dropped = 1;
          current =
            why === 'forbidden' ? { tag: name, nth, text: '', code: NOT_CONTENT.has(name) } : null;
          return;
        }
        if (name === 'a') links++;
        if (BLOCK.has(name)) lines.end(false);
        if (name === 'td' || name === 'th') lines.text(' ', links > 0);
      },
      ontext(text) {
        if (dropped === 0) lines.text(text, links > 0);
        else if (current && current.text.length < 200) current.text += text;
      },
      onclosetag(name, implied) {
        if (dropped > 0) {
          if (--dropped === 0 && current) {
            const excerpt = current.text.replace(/\s+/g, ' ').trim();
            // Code is no loss, unless the element is never closed and takes the rest with it.
            if (excerpt && (!current.code || implied))
              found.push({
                tag: current.tag,
                line: lineOfTag(body, current.tag, current.nth),
                excerpt: excerpt.slice(0, 40),
                how: implied ? 'unclosed' : 'inside',
              });
            current = null;
          }
          return;
        }
        if (name === 'a') links = Math.max(0, links - 1);
        if (name === 'td' || name === 'th') lines.text(' ', links > 0);
        if (BLOCK.has(name)) lines.end(name === 'p');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  const markup = bodyMarkup(body, format);
  parser.write(markup.html);
  parser.end();
  lines.end(false);
  for (const u of markup.unclosed) {
    if (u.excerpt) found.push({ ...u, excerpt: u.excerpt.slice(0, 40), how: 'paragraph' });
  }
  return { text: lines.done.join('\n'), dropped: found };
}

export function plainText(body: string, format: 'markdown' | 'html' = 'markdown'): string {
  return readBody(body, format).text;
}

/** The first sentence of a plain text, for posts whose title is empty. */
export function firstSentence(text: string, max = 60): string {
  const firstLine = text.split('\n').find((l) => l.trim()) ?? '';
  const m = /^(.+?[。！？!?])/u.exec(firstLine);
  return truncate((m?.[1] ?? firstLine).trim(), max);
}

export function excerptOf(text: string, max = 160): string {
  return truncate(text.replace(/\n+/g, ' '), max);
}
