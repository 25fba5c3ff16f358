// Plain text of a post body as readers are shown it, for excerpts, derived titles and search:
// the body as HTML (markdown rendered), read with htmlparser2 by the renderer's rules
// (lib/render-rules.ts), so nothing the article hides or drops shows up here. Paragraphs made
// only of links (source and back-links) are left out. Linear in the body's length.
import { Parser } from 'htmlparser2';

import { truncate } from '@/lib/format';
import { bodyHtml, dropsContent } from '@/lib/render-rules';

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

export function plainText(body: string, format: 'markdown' | 'html' = 'markdown'): string {
  const lines = new Lines();
  /** Depth inside an element removed with its content (0: outside). */
  let dropped = 0;
  let links = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (dropped > 0 || dropsContent(name, (a) => attrs[a])) {
          dropped++;
          return;
        }
        if (name === 'a') links++;
        if (BLOCK.has(name)) lines.end(false);
        if (name === 'td' || name === 'th') lines.text(' ', links > 0);
      },
      ontext(text) {
        if (dropped === 0) lines.text(text, links > 0);
      },
      onclosetag(name) {
        if (dropped > 0) {
          dropped--;
          return;
        }
        if (name === 'a') links = Math.max(0, links - 1);
        if (name === 'td' || name === 'th') lines.text(' ', links > 0);
        if (BLOCK.has(name)) lines.end(name === 'p');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(bodyHtml(body, format));
  parser.end();
  lines.end(false);
  return lines.done.join('\n');
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
