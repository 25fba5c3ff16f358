// Makes a sanitized body fit HTML's content models, which the parser that read it does not
// enforce: a block inside inline markup, a list item without its list, text loose in a list.
// What a reader sees stays; what validators and a browser re-reading the HTML see is one tree.
// Walks the tree itself (no selector APIs: see lib/render.ts).

/** Elements that are flow content only: never inside a paragraph, a heading or inline markup. */
// prettier-ignore
const BLOCK = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'UL', 'OL', 'DL', 'TABLE',
  'FIGURE', 'HR', 'LI', 'DT', 'DD', 'FIGCAPTION', 'CAPTION', 'COLGROUP', 'THEAD', 'TBODY', 'TFOOT',
  'TR', 'TD', 'TH',
]);
/** Elements whose content is phrasing only and that can be split around a block, as parsers do. */
const SPLITS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE']);
/** Inline markup: phrasing content only; around a block it is dropped (its text stays). */
// prettier-ignore
const INLINE = new Set([
  'SPAN', 'EM', 'STRONG', 'B', 'I', 'U', 'S', 'SUB', 'SUP', 'SMALL', 'MARK', 'CODE',
]);
/** Elements whose content model is their parent's. */
const TRANSPARENT = new Set(['A', 'DEL', 'INS']);
/** Items and the parents they need (a `DIV` counts only inside a `DL`); elsewhere they are unwrapped. */
const NEEDS_PARENT: Record<string, Set<string>> = {
  LI: new Set(['UL', 'OL']),
  DT: new Set(['DL', 'DIV']),
  DD: new Set(['DL', 'DIV']),
  FIGCAPTION: new Set(['FIGURE']),
};

function inItsParent(el: Element): boolean {
  const parent = el.parentElement;
  const needs = NEEDS_PARENT[el.tagName];
  if (!needs || !parent) return true;
  if (parent.tagName === 'DIV' && needs.has('DIV')) return parent.parentElement?.tagName === 'DL';
  return needs.has(parent.tagName);
}
/** Lists and what their other content is wrapped in. */
const LIST_ITEM: Record<string, { allowed: Set<string>; wrap: string }> = {
  UL: { allowed: new Set(['LI']), wrap: 'li' },
  OL: { allowed: new Set(['LI']), wrap: 'li' },
  DL: { allowed: new Set(['DT', 'DD', 'DIV']), wrap: 'dd' },
};

/** Every element under `root`, parents before children (document order). */
function elements(root: Element): Element[] {
  const found: Element[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) found.push(n as Element);
  return found;
}

function unwrap(el: Element) {
  el.replaceWith(...Array.from(el.childNodes));
}

function hasBlockChild(el: Element): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling)
    if (BLOCK.has(c.tagName)) return true;
  return false;
}

/** Whether the content `el` sits in is phrasing only (transparent elements pass it on). */
function inPhrasing(el: Element, root: Element): boolean {
  for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
    if (TRANSPARENT.has(p.tagName)) continue;
    return SPLITS.has(p.tagName) || INLINE.has(p.tagName);
  }
  return false;
}

/** `el` split around its block children: each run of other content in a copy of `el`. */
function split(el: Element) {
  const parts: Node[] = [];
  const runs = new Set<Element>();
  let run: Element | null = null;
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 1 && BLOCK.has((child as Element).tagName)) {
      parts.push(child);
      run = null;
      continue;
    }
    if (!run) {
      run = el.cloneNode(false) as Element;
      runs.add(run);
      parts.push(run);
    }
    run.append(child);
  }
  // A run of nothing but white space between blocks is no paragraph.
  const empty = (p: Node) =>
    runs.has(p as Element) && !(p as Element).childElementCount && !p.textContent?.trim();
  el.replaceWith(...parts.filter((p) => !empty(p)));
}

/** Content of a list that is not an item, each run wrapped in an item. */
function wrapLoose(list: Element) {
  const { allowed, wrap } = LIST_ITEM[list.tagName]!;
  let item: Element | null = null;
  for (const child of Array.from(list.childNodes)) {
    const loose =
      child.nodeType === 1
        ? !allowed.has((child as Element).tagName)
        : Boolean(child.textContent?.trim());
    if (!loose) {
      if (child.nodeType === 1) item = null;
      continue;
    }
    if (!item) {
      item = list.ownerDocument.createElement(wrap);
      child.before(item);
    }
    item.append(child);
  }
}

/** `el` replaced by a `tag` element with its attributes and content; the new element. */
export function retag(el: Element, tag: string): Element {
  const replacement = el.ownerDocument.createElement(tag);
  for (const name of el.getAttributeNames()) {
    replacement.setAttribute(name, el.getAttribute(name) ?? '');
  }
  replacement.append(...Array.from(el.childNodes));
  el.replaceWith(replacement);
  return replacement;
}

/** Whether a description list is groups of terms each followed by descriptions. */
function hasGroups(dl: Element): boolean {
  let tags = '';
  for (let c = dl.firstElementChild; c; c = c.nextElementSibling) {
    tags += c.tagName === 'DIV' ? (hasGroups(c) && c.firstElementChild ? 'G' : 'X') : c.tagName[1];
  }
  return /^(?:G|T+D+)*$/.test(tags);
}

/** A description list that is not groups of terms and descriptions: plain blocks. */
function flattenList(dl: Element) {
  if (hasGroups(dl)) return;
  for (const item of Array.from(dl.children)) {
    const items = item.tagName === 'DIV' ? Array.from(item.children) : [item];
    for (const el of items) if (el.tagName === 'DT' || el.tagName === 'DD') retag(el, 'div');
  }
  retag(dl, 'div');
}

/** Brings the tree under `root` into HTML's content models (see the rules above). */
export function conformContentModel(root: Element) {
  // Deepest first, so a fix inside is made before its container is looked at.
  for (const el of elements(root).reverse()) {
    if (
      (INLINE.has(el.tagName) || (TRANSPARENT.has(el.tagName) && inPhrasing(el, root))) &&
      hasBlockChild(el)
    )
      unwrap(el);
    else if (SPLITS.has(el.tagName) && hasBlockChild(el)) split(el);
  }
  for (const el of elements(root)) if (!inItsParent(el)) unwrap(el);
  for (const el of elements(root)) if (LIST_ITEM[el.tagName]) wrapLoose(el);
  for (const el of elements(root).reverse()) if (el.tagName === 'DL') flattenList(el);
}
