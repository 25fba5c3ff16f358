// The only producer of content HTML: markdown (raw HTML passed through) → DOMPurify with an
// explicit allow-list → tidy rules (safe links, lazy no-referrer images, hidden elements and
// empty autolinks dropped, inline style cut to text alignment, old-site links made local).
import 'server-only';

import DOMPurify from 'isomorphic-dompurify';

import {
  ALLOWED_ATTR,
  bodyHtml,
  conformingAttributes,
  dropsContent,
  FORBID_CONTENTS,
  OBSOLETE,
  SANITIZED_TAGS,
  TEXT_ALIGN,
} from '@/lib/render-rules';
import { plainText } from '@/lib/content/text';
import { conformContentModel, retag } from '@/lib/render/content-model';
import { completeSize, publicImageSize } from '@/lib/public-images';
import { OLD_HOSTS } from '@/lib/site';

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
/**
 * Links left without a target (a `javascript:` one, once DOMPurify took its href) are unwrapped
 * the same way: marked, then their tags cut. Links never nest, so the next `</a>` is theirs.
 */
const UNWRAP_MARK = 'data-render-unwrap';
const UNWRAPPED = new RegExp(`<a ${UNWRAP_MARK}="">([\\s\\S]*?)</a>`, 'g');

/** Elements condemned while DOMPurify walks the tree; marked once it has finished with them. */
let condemned: Element[] = [];

function drop(el: Element) {
  el.textContent = '';
  for (const name of el.getAttributeNames()) el.removeAttribute(name);
  el.setAttribute(DROP_MARK, '');
}

/**
 * No selector APIs (`closest`, `matches`, `querySelector*`) on the document DOMPurify parses
 * into: jsdom's first selector call on a document creates a selector engine that adds ten
 * listeners to the shared window and never removes them, keeping every parsed body alive for
 * the life of the process (~100 KB an article). eslint forbids them in this file.
 */
function hasAncestor(el: Element | null, test: (e: Element) => boolean): boolean {
  for (let e = el; e; e = e.parentElement) if (test(e)) return true;
  return false;
}

/**
 * The elements named `tag` under `root`, in document order, as a plain array: live collections
 * (`getElementsByTagName`) stay registered with jsdom and are all recomputed after every change.
 */
function elementsOf(root: Element, tag: string): Element[] {
  const found: Element[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if ((n as Element).tagName === tag) found.push(n as Element);
  }
  return found;
}

function isDropped(el: Element): boolean {
  return hasAncestor(el, (e) => e.hasAttribute(DROP_MARK));
}

/** Characters a URL may not hold as they are (outside the URL code points), and a lone `%`. */
const NOT_URL_UNIT =
  /%(?![\dA-Fa-f]{2})|[^\w!$&'()*+,\-./:;=?@~%#\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFD}]|#/gu;

/** A URL's path, query and fragment with what they may not hold percent-encoded. */
function encodeUnits(rest: string): string {
  let fragment = false;
  return rest.replace(NOT_URL_UNIT, (c) => {
    if (c !== '#') return encodeURIComponent(c);
    if (fragment) return '%23';
    fragment = true;
    return c;
  });
}

/**
 * A URL as HTML requires it, or null when it is none: absolute ones parsed by the URL standard
 * (the host checked, credentials left out), and in any URL the characters it may not hold
 * percent-encoded.
 */
export function conformingUrl(url: string): string | null {
  const trimmed = url.trim();
  const absolute = /^[a-z][a-z\d+.-]*:/i.test(trimmed);
  if (!absolute && !trimmed.startsWith('//')) return encodeUnits(trimmed);
  let parsed: URL;
  try {
    parsed = new URL(absolute ? trimmed : `https:${trimmed}`);
  } catch {
    return null;
  }
  parsed.username = '';
  parsed.password = '';
  const head = parsed.origin === 'null' ? parsed.protocol : parsed.origin;
  const full = `${head}${encodeUnits(parsed.href.slice(head.length))}`;
  return absolute ? full : full.slice('https:'.length);
}

/** Keeps of an element's attributes those HTML defines for it, with valid values. */
function conform(el: Element) {
  const before = el
    .getAttributeNames()
    .map((name): [string, string] => [name, el.getAttribute(name) ?? '']);
  const kept = new Map(conformingAttributes(el.tagName, before));
  for (const [name, value] of before) {
    if (!kept.has(name)) el.removeAttribute(name);
    else if (kept.get(name) !== value) el.setAttribute(name, kept.get(name) ?? '');
  }
  for (const [name, value] of kept) if (!el.hasAttribute(name)) el.setAttribute(name, value);
}

/** An obsolete element swapped for what it means (render-rules OBSOLETE), its content moved. */
function modernize(el: Element) {
  const meaning = OBSOLETE[el.tagName.toLowerCase()];
  if (!meaning) return;
  const replacement = retag(el, meaning.tag);
  const style = replacement.getAttribute('style');
  if (meaning.style && !/text-align/i.test(style ?? '')) {
    replacement.setAttribute('style', style ? `${style};${meaning.style}` : meaning.style);
  }
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
    if (dropsContent(el.tagName, (name) => el.getAttribute(name))) {
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
    conform(el);
    if (el.tagName === 'A') {
      const given = el.getAttribute('href');
      const href = given === null ? null : conformingUrl(given);
      if (href === null) {
        for (const name of el.getAttributeNames()) el.removeAttribute(name);
        el.setAttribute(UNWRAP_MARK, '');
        return;
      }
      const local = localizeHref(href);
      el.setAttribute('href', local ?? href);
      if (local === null && /^(?:https?:)?\/\//i.test(href)) {
        el.setAttribute('target', '_blank');
        el.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    }
    if (el.tagName === 'IMG') {
      // Relative sources were relative to the old site's pages and resolve to nothing here.
      const src = conformingUrl(el.getAttribute('src') ?? '');
      if (src === null || !/^(?:https?:\/\/|\/|data:image\/)/i.test(src)) {
        condemned.push(el);
        return;
      }
      el.setAttribute('src', src);
      sizeFromFile(el);
      el.setAttribute('loading', 'lazy');
      el.setAttribute('decoding', 'async');
      el.setAttribute('referrerpolicy', 'no-referrer');
      if (!el.hasAttribute('alt')) el.setAttribute('alt', '');
    }
  });
}

function dimension(el: Element, name: string): number | null {
  const value = Number(el.getAttribute(name));
  return Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * An image of the site's own with a width but no height (or neither) gets both, from the file:
 * the browser then reserves its box and the page does not shift when it loads.
 */
function sizeFromFile(el: Element) {
  const given = { width: dimension(el, 'width'), height: dimension(el, 'height') };
  const src = el.getAttribute('src') ?? '';
  if ((given.width && given.height) || !/^\/(?!\/)/.test(src)) return;
  const natural = publicImageSize(src);
  if (!natural) return;
  const size = completeSize(given, natural);
  el.setAttribute('width', String(size.width));
  el.setAttribute('height', String(size.height));
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
  /** The `src` of the images the body shows (absolute or site-relative), first ones first. */
  images: string[];
  /** The text readers are shown, a line per block: for descriptions and structured data. */
  text: string;
};

/** Share cards need one image; a few spare ones cover images a card cannot show (SVG). */
const MAX_IMAGES = 10;

export function renderBody(body: string, format: 'markdown' | 'html'): RenderedPost {
  installHooks();
  const raw = bodyHtml(body, format);
  condemned = [];
  // Leading whitespace makes DOMPurify touch the body's live child list, which jsdom then rebuilds
  // on every later removal.
  const root = DOMPurify.sanitize(raw.trimStart(), {
    ALLOWED_TAGS: SANITIZED_TAGS,
    ALLOWED_ATTR,
    FORBID_CONTENTS,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM: true,
  });
  for (const el of condemned) drop(el);
  condemned = [];
  for (const tag of Object.keys(OBSOLETE)) elementsOf(root, tag.toUpperCase()).forEach(modernize);
  conformContentModel(root);

  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    const inCode = (e: Element) => e.tagName === 'PRE' || e.tagName === 'CODE';
    if (t.data.includes('<>') && !hasAncestor(t.parentElement, inCode)) {
      t.data = t.data.replaceAll('<>', '');
    }
  }

  let sourceUrl: string | null = null;
  for (const a of elementsOf(root, 'A')) {
    const p = a.parentElement;
    if (
      p?.tagName === 'P' &&
      a.getAttribute('target') === '_blank' &&
      p.children.length === 1 &&
      p.textContent?.trim() === a.textContent?.trim() &&
      isBareLink(a)
    ) {
      sourceUrl = a.getAttribute('href');
      drop(p);
      break;
    }
  }
  for (const p of elementsOf(root, 'P')) {
    if (p.hasAttribute(DROP_MARK)) continue;
    const keptImage = elementsOf(p, 'IMG').some((img) => !isDropped(img));
    if (!p.textContent?.trim() && !keptImage) drop(p);
  }
  const images = elementsOf(root, 'IMG')
    .filter((img) => !isDropped(img))
    .slice(0, MAX_IMAGES)
    .map((img) => img.getAttribute('src') ?? '');
  const html = root.innerHTML.replace(DROPPED, '').replace(UNWRAPPED, '$1').trim();
  return { html, sourceUrl, images, text: plainText(html, 'html') };
}
