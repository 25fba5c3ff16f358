// Cheap plain-text extraction from a post body (raw HTML and/or markdown), used at index time
// for excerpts, derived titles and search. Not a renderer: it never produces HTML. Every pattern
// here runs in linear time, so a hostile or huge body cannot stall indexing.
import { decodeHTML } from 'entities';

import { truncate } from '@/lib/format';

/**
 * A line that is only links (autolinks, `<>`, `[text](url)`) and separators: source and
 * back-links. Written so that each position has one way to match (no nested ambiguity).
 */
const LINK_ONLY_LINE =
  /^\s*(?:(?:<[a-z][a-z0-9+.-]*:[^<>\s]*>|<>|\[[^\]]*\]\([^)]*\))\s*(?:[｜|·]\s*)?)+$/i;

/**
 * Elements the renderer drops with everything inside them (see `lib/render.ts`), so their text
 * never shows up in an excerpt either. An unclosed one runs to the end, as in a browser.
 */
const DROPPED_ELEMENT =
  /<(script|style|noscript|template|form|button|select|textarea|object|iframe|svg|math|audio|video)\b[\s\S]*?(?:<\/\1\s*>|$)/gi;
/** A link to `javascript:` and the like: the renderer removes it with its text. */
const SCRIPT_LINK =
  /<a\b[^<>]*\bhref\s*=\s*["']?\s*(?:javascript|vbscript|data):[^<>]*>[^]*?(?:<\/a\s*>|$)/gi;
const BLOCK_TAG =
  /<\/?(?:p|div|br|hr|center|h[1-6]|li|ul|ol|dl|dt|dd|tr|table|blockquote|pre|section|article|figure|figcaption|header|footer)\b[^<>]*>/gi;

export function plainText(body: string): string {
  const lines = body
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(DROPPED_ELEMENT, ' ')
    .replace(SCRIPT_LINK, ' ')
    .split('\n')
    .filter((line) => !LINK_ONLY_LINE.test(line));
  const text = lines
    .join('\n')
    .replace(BLOCK_TAG, '\n')
    .replace(/<\/?(?:td|th)\b[^<>]*>/gi, ' ')
    .replace(/<\/?[a-z][^<>]*>/gi, '')
    .replace(/<>/g, '')
    .replace(/!\[[^[\]\n]*\]\([^)\n]{0,2000}\)/g, '')
    .replace(/\[([^[\]\n]*)\]\([^)\n]{0,2000}\)/g, '$1')
    .replace(/^[ \t]{0,3}(?:>[ \t]?|#{1,6}[ \t]+|[-*+][ \t]+)/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2');
  return decodeHTML(text)
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .trim();
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
