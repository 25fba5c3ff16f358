// The only producer of content HTML: markdown (raw HTML passed through) → DOMPurify with an
// explicit allow-list → tidy rules (safe links, lazy no-referrer images, hidden elements and
// empty autolinks dropped, inline style cut to text alignment, old-site links made local).
import 'server-only';

import DOMPurify from 'isomorphic-dompurify';
import MarkdownIt from 'markdown-it';

import { OLD_HOSTS } from '@/lib/site';

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

// prettier-ignore
const ALLOWED_TAGS = [
  // The container DOMPurify parses into. Not allowing it makes DOMPurify unwrap it: it copies the
  // whole body into the parse document's <html>, and jsdom then scans that copy on every removal.
  'body',
  'p', 'br', 'hr', 'div', 'span', 'center', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote',
  'pre', 'code', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark',
  'a', 'img', 'figure', 'figcaption', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead',
  'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
];
// prettier-ignore
const ALLOWED_ATTR = [
  'href', 'title', 'alt', 'src', 'width', 'height', 'colspan', 'rowspan', 'align', 'style',
  'lang', 'dir', 'start', 'type', 'reversed',
];
/** Elements removed together with everything inside them. */
// prettier-ignore
const DROP_WITH_CONTENT = [
  'form', 'button', 'select', 'textarea', 'object', 'embed', 'iframe', 'svg', 'math', 'audio', 'video',
];
const TEXT_ALIGN = /^text-align\s*:\s*(left|right|center|justify|start|end)\s*$/i;
const HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;
const SCRIPT_URL = /^(?:javascript|vbscript|data):/i;

const OLD_HOST_BASE = `https://${OLD_HOSTS[0]}`;

/** Maps a link into the old site (absolute, protocol-relative or `../folder/`) to ours. */
export function localizeHref(href: string): string | null {
  const folder = /^(?:\.\.\/)+([^/?#]+)\/?$/.exec(href);
  if (folder?.[1]) return `/category/${folder[1]}`;
  if (/^(?:\.\.\/)+$/.test(href) || href === '..') return '/';
  let url: URL;
  try {
    url = new URL(href, OLD_HOST_BASE);
  } catch {
    return null;
  }
  if (!OLD_HOSTS.includes(url.hostname) || !/^(?:https?:)?\/\//i.test(href)) return null;
  const path = url.pathname;
  const category = /^\/category\/([^/]+?)(?:\.html)?\/?$/.exec(path);
  if (category?.[1]) return `/category/${category[1]}`;
  const bareFolder = /^\/([^/.]+)\/?$/.exec(path);
  if (bareFolder?.[1]) return `/category/${bareFolder[1]}`;
  return `${path}${url.search}${url.hash}`;
}

/**
 * Elements the tidy rules drop are emptied and marked, then cut from the serialized HTML. Removing
 * them from the tree one by one costs O(siblings) each in jsdom, which made a body with a few
 * thousand spacer paragraphs take minutes.
 */
const DROP_MARK = 'data-render-drop';
const DROPPED = new RegExp(`<([a-z][a-z0-9]*) ${DROP_MARK}="">(?:</\\1>)?`, 'g');

/** Elements condemned while DOMPurify walks the tree; marked once it has finished with them. */
let condemned: Element[] = [];

function drop(el: Element) {
  el.textContent = '';
  for (const name of el.getAttributeNames()) el.removeAttribute(name);
  el.setAttribute(DROP_MARK, '');
}

function isDropped(el: Element): boolean {
  return el.closest(`[${DROP_MARK}]`) !== null;
}

let hooksInstalled = false;
function installHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('uponSanitizeElement', (node) => {
    if (!('getAttribute' in node)) return;
    const el = node as Element;
    // The container: a stray `<body hidden>` in a post lends it attributes, but hides nothing here.
    if (el.tagName === 'BODY') return;
    const style = el.getAttribute('style') ?? '';
    const href = (el.getAttribute('href') ?? '').replace(/[\u0000-\u0020]/g, '');
    if (
      HIDDEN.test(style) ||
      el.hasAttribute('hidden') ||
      (el.tagName === 'A' && SCRIPT_URL.test(href))
    ) {
      // Emptied now, so that DOMPurify cannot keep the content of a disallowed hidden element.
      el.textContent = '';
      condemned.push(el);
    }
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    const style = el.getAttribute('style');
    if (style !== null) {
      const kept = style
        .split(';')
        .map((d) => d.trim())
        .filter((d) => TEXT_ALIGN.test(d));
      if (kept.length) el.setAttribute('style', kept.join(';'));
      else el.removeAttribute('style');
    }
    if (el.tagName === 'A') {
      const href = el.getAttribute('href');
      if (href === null) return;
      const local = localizeHref(href);
      if (local !== null) {
        el.setAttribute('href', local);
      } else if (/^(?:https?:)?\/\//i.test(href)) {
        el.setAttribute('target', '_blank');
        el.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    }
    if (el.tagName === 'IMG') {
      // Relative sources were relative to the old site's pages and resolve to nothing here.
      if (!/^(?:https?:\/\/|\/|data:image\/)/i.test(el.getAttribute('src') ?? '')) {
        condemned.push(el);
        return;
      }
      el.setAttribute('loading', 'lazy');
      el.setAttribute('decoding', 'async');
      el.setAttribute('referrerpolicy', 'no-referrer');
      if (!el.hasAttribute('alt')) el.setAttribute('alt', '');
    }
  });
}

/** A link whose text is its own URL, as markdown renders `<http://…>` (the text is not encoded). */
function isBareLink(a: Element): boolean {
  const href = a.getAttribute('href') ?? '';
  const label = (a.textContent ?? '').trim();
  if (label === href) return true;
  try {
    return new URL(label).href === new URL(href).href;
  } catch {
    return false;
  }
}

export type RenderedPost = {
  html: string;
  /** The original story's URL, when a paragraph of the body is nothing but an autolink to it. */
  sourceUrl: string | null;
  /** The `src` of the first image the body shows (absolute or site-relative), for share cards. */
  firstImage: string | null;
};

export function renderBody(body: string, format: 'markdown' | 'html'): RenderedPost {
  installHooks();
  const raw = format === 'markdown' ? markdown.render(body) : body;
  condemned = [];
  // Leading whitespace makes DOMPurify touch the body's live child list, which jsdom then rebuilds
  // on every later removal.
  const root = DOMPurify.sanitize(raw.trimStart(), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ADD_FORBID_CONTENTS: DROP_WITH_CONTENT,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM: true,
  });
  for (const el of condemned) drop(el);
  condemned = [];

  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (t.data.includes('<>') && !t.parentElement?.closest('pre, code')) {
      t.data = t.data.replaceAll('<>', '');
    }
  }

  let sourceUrl: string | null = null;
  for (const a of Array.from(root.querySelectorAll('p > a[target="_blank"]'))) {
    const p = a.parentElement;
    if (
      p &&
      p.children.length === 1 &&
      p.textContent?.trim() === a.textContent?.trim() &&
      isBareLink(a)
    ) {
      sourceUrl = a.getAttribute('href');
      drop(p);
      break;
    }
  }
  for (const p of Array.from(root.querySelectorAll(`p:not([${DROP_MARK}])`))) {
    const keptImage = Array.from(p.querySelectorAll('img')).some((img) => !isDropped(img));
    if (!p.textContent?.trim() && !keptImage) drop(p);
  }
  const image = Array.from(root.querySelectorAll('img')).find((img) => !isDropped(img));
  const firstImage = image?.getAttribute('src') ?? null;
  return { html: root.innerHTML.replace(DROPPED, '').trim(), sourceUrl, firstImage };
}
