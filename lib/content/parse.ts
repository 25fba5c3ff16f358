// One file's bytes → a `Post` or a located `ContentError`, following Jekyll's rules (DESIGN §1),
// in named steps: the file name, the front matter (lib/content/front-matter.ts), the date, the
// taxonomies, the URL (and the one Jekyll itself generated), title and `published`. Warnings
// and notes are collected on the way; the first error ends the parse.
import { isUtf8 } from 'node:buffer';

import {
  datePartsIn,
  jekyllMisreadsAsUtc,
  parseDateText,
  wallTimeToInstant,
} from '@/lib/content/dates';
import {
  decode,
  readFrontMatter,
  text,
  type Field,
  type FrontMatter,
} from '@/lib/content/front-matter';
import { buildPermalink } from '@/lib/content/permalink';
import { fileHash } from '@/lib/content/source';
import { excerptOf, firstSentence, readBody, type DroppedContent } from '@/lib/content/text';
import type { ContentError, ParseResult, Post } from '@/lib/types';

export const POST_FILE = /^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.(md|markdown|html)$/i;
/** Plain YAML scalars that Jekyll's loader reads as `false`. */
const FALSE_SCALAR = /^(?:false|no|off)$/i;

export type ParseOptions = {
  timeZone: string;
  /** Zones the site's URLs were once made in: the post's URLs under them become its aliases. */
  aliasZones?: string[];
  /**
   * `lead`: read only the start of the body for the excerpt and a missing title (a cold index
   * of a large archive); the whole text, and the warnings only it can give, come later
   * (lib/content/fill.ts). Default `full`.
   */
  text?: 'full' | 'lead';
  /** The whole file's hash when `bytes` is only its start (lib/content/source.ts). */
  source?: { hash: string; size: number; truncated: boolean };
};

/** Characters of the body read in `lead` mode: excerpts and titles need the first sentences. */
const LEAD_CHARS = 600;
/**
 * Characters of a body whose text is searched and kept: past this (a body of megabytes) only its
 * start, or one post would take a thread's memory and a write lock for seconds.
 */
const TEXT_MAX_CHARS = 300_000;
/** Bytes of a file decoded in `lead` mode: room for a front matter and LEAD_CHARS of body. */
const LEAD_BYTES = 3 * 1024;

/**
 * The start of a file for lead mode, cut at a character boundary, or null when the file is
 * short anyway. Invalid bytes are looked for in the whole file (the warning needs them).
 */
function leadBytes(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length <= LEAD_BYTES || !isUtf8(bytes)) return null;
  let end = LEAD_BYTES;
  // Back off UTF-8 continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** Whether a file in `_posts/` is a post candidate at all (Jekyll skips dot-files, `_` and `~`). */
export function isCandidate(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('_') && !name.endsWith('~');
}

type Warn = (line: number, message: string, severity?: 'warning' | 'note') => void;

/** What the file name says: the date (y, m, d as written), the slug and the format. */
type FileName = { y: string; m: string; d: string; slug: string; date: number; html: boolean };

/** Why a file is not a post: a name Jekyll ignores (a warning) or a date Jekyll stops on (an error). */
type NotAPost = { severity: 'error' | 'warning'; message: string };

function readFileName(file: string, timeZone: string): FileName | NotAPost {
  const name = file.split('/').pop() ?? file;
  const match = POST_FILE.exec(name);
  if (!match) {
    return {
      severity: 'warning',
      message:
        'file name is not YYYY-MM-DD-slug.md (.markdown, .html): not a post, Jekyll ignores it too. Rename it, e.g. 2024-03-01-my-story.md, if it should be published',
    };
  }
  const [, y = '', m = '', d = '', rawSlug = '', ext = ''] = match;
  const date = wallTimeToInstant(Date.UTC(Number(y), Number(m) - 1, Number(d)), timeZone);
  if (Number.isNaN(date) || Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > 31) {
    return {
      severity: 'error',
      message: 'the date in the file name is not a real date: rename it YYYY-MM-DD-slug.md',
    };
  }
  // Jekyll drops trailing dots from the file-name slug.
  const slug = rawSlug.replace(/\.+$/, '') || rawSlug;
  return { y, m, d, slug, date, html: ext.toLowerCase() === 'html' };
}

/**
 * The post's instant: the front-matter date, else the file-name date at midnight site time (with
 * a warning). `naive` is the wall-clock time read as UTC when Jekyll misread it that way.
 */
function readDate(fm: FrontMatter, name: FileName, timeZone: string, warn: Warn) {
  const field = fm.fields.get('date');
  const raw = text(field);
  if (!raw) {
    warn(
      fm.lineOf('date'),
      `no date: using the file-name date ${name.y}-${name.m}-${name.d} 00:00`,
    );
    return { date: name.date, naive: null };
  }
  const parsed = parseDateText(raw, timeZone);
  if (!parsed) {
    const example = `${name.y}-${name.m.padStart(2, '0')}-${name.d.padStart(2, '0')} 09:30:00 +0800`;
    warn(
      fm.lineOf('date'),
      `date "${raw}" is not YYYY-MM-DD HH:MM:SS +0800: using the file-name date ${name.y}-${name.m}-${name.d} 00:00. Write e.g. date: ${example}`,
    );
    return { date: name.date, naive: null };
  }
  const misread = Boolean(field?.plain) && jekyllMisreadsAsUtc(raw);
  return { date: parsed.ms, naive: misread ? parsed.naiveMs : null };
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.flatMap(strings) : [];
}

/** A taxonomy field: a string is split on whitespace (`split`) or taken whole; a list item by item. */
function terms(field: Field | undefined, split: boolean): string[] {
  if (!field || field.isNull) return [];
  const items =
    split && typeof field.value === 'string' ? field.value.split(/\s+/) : strings(field.value);
  return items.map((item) => item.trim()).filter(Boolean);
}

/** Jekyll: `categories` (split) plus `category` (whole); `tag` (whole) or else `tags` (split). */
function readTaxonomies(fields: Map<string, Field>) {
  const categories = [
    ...new Set([...terms(fields.get('categories'), true), ...terms(fields.get('category'), false)]),
  ];
  const tag = fields.get('tag');
  const tags = [
    ...new Set(tag && !tag.isNull ? terms(tag, false) : terms(fields.get('tags'), true)),
  ];
  return { categories, tags };
}

type UrlParts = { categories: string[]; slug: string; permalink?: string; naive: number | null };

/**
 * The URL Jekyll itself generated in a zone: with a blank line before `---` Jekyll saw no front
 * matter at all; a zone-less timestamp it read as UTC (8 hours late). Null when it is ours.
 */
function jekyllUrlIn(
  fm: FrontMatter,
  name: FileName,
  parts: UrlParts,
  zone: string,
): string | null {
  if (fm.open > 0) {
    return buildPermalink({ categories: [], date: datePartsIn(name.date, zone), slug: name.slug });
  }
  if (parts.naive === null) return null;
  return buildPermalink({ ...parts, date: datePartsIn(parts.naive, zone) });
}

/**
 * Every other URL that must lead to the post: the one Jekyll generated, and the URLs it had
 * under the zones the site used before (SITE_TIME_ZONE moves the date in a URL).
 */
function aliasesOf(
  fm: FrontMatter,
  name: FileName,
  parts: UrlParts & { date: number; url: string },
  opts: ParseOptions,
): string[] {
  const urls = new Set<string>();
  for (const zone of [opts.timeZone, ...(opts.aliasZones ?? [])]) {
    const jekyll = jekyllUrlIn(fm, name, parts, zone);
    if (jekyll) urls.add(jekyll);
    if (zone !== opts.timeZone) {
      urls.add(buildPermalink({ ...parts, date: datePartsIn(parts.date, zone) }));
    }
  }
  urls.delete(parts.url);
  return [...urls];
}

/** `published: false` (or empty) hides the post everywhere. */
/** What an editor reads about content the renderer removes, and what to do about it. */
function droppedMessage(d: DroppedContent): string {
  const close = `close it with </${d.tag}> where it should end, or take it out`;
  if (d.how === 'paragraph')
    return `<${d.tag}> is not closed in its paragraph, so the rest of the paragraph ("${d.excerpt}") is removed with it: ${close}`;
  if (d.how === 'unclosed')
    return `<${d.tag}> is never closed, so everything after it ("${d.excerpt}") is removed with it: ${close}`;
  return `<${d.tag}> is removed with everything inside it, so readers do not see "${d.excerpt}": close it where it should end, or take the text out of it`;
}

function readPublished(fm: FrontMatter, warn: Warn): boolean {
  const field = fm.fields.get('published');
  const published = !(field && (field.isNull || FALSE_SCALAR.test(text(field))));
  if (!published) {
    warn(
      fm.lineOf('published'),
      'published is false (or empty): not shown anywhere. Write published: true, or remove the line, to publish it',
      'note',
    );
  }
  return published;
}

/** The file's text and front matter; in lead mode only its start, when that holds it all. */
function readStart(bytes: Uint8Array, lead: boolean) {
  const start = lead ? leadBytes(bytes) : null;
  if (start) {
    const decoded = decode(start);
    const fm = readFrontMatter(decoded.text);
    if ('fields' in fm) return { decoded, fm };
  }
  const decoded = decode(bytes);
  return { decoded, fm: readFrontMatter(decoded.text) };
}

/**
 * Parses one post file. `file` is its path relative to the content folder (used in messages and
 * as the post's identity); `bytes` its contents.
 */
export function parsePost(file: string, bytes: Uint8Array, opts: ParseOptions): ParseResult {
  const fail = (line: number, message: string): ParseResult => ({
    ok: false,
    error: { file, line, message, severity: 'error' },
  });
  const name = readFileName(file, opts.timeZone);
  if ('severity' in name) return { ok: false, error: { file, line: 1, ...name } };

  const warnings: ContentError[] = [];
  const warn: Warn = (line, message, severity = 'warning') =>
    warnings.push({ file, line, message, severity });
  if (opts.source?.truncated) {
    const mb = (opts.source.size / 2 ** 20).toFixed(1);
    warn(
      1,
      `the file is ${mb} MB: only its start is read, searched and shown (as plain text, with a notice). Split it into several posts`,
    );
  }
  const { decoded, fm } = readStart(bytes, opts.text === 'lead');
  if (decoded.badLine !== null) {
    warn(decoded.badLine, 'invalid UTF-8 bytes were replaced with �: save the file as UTF-8');
  }
  if (!('fields' in fm)) return fail(fm.line, fm.message);

  const format = name.html ? 'html' : 'markdown';
  // The text of the whole body is left to the background fill, however short the body.
  const lead = opts.text === 'lead';
  const read = readBody(fm.body.slice(0, lead ? LEAD_CHARS : TEXT_MAX_CHARS), format);
  if (!lead && fm.body.length > TEXT_MAX_CHARS) {
    warn(
      fm.bodyLine,
      `the body is ${fm.body.length} characters long: only its first ${TEXT_MAX_CHARS} are searchable. Split it into several posts`,
    );
  }
  const plain = read.text;
  // A cut body's last line may be cut too, and what is dropped is only known from the whole.
  if (!lead) for (const d of read.dropped) warn(fm.bodyLine + d.line - 1, droppedMessage(d));
  const { date, naive } = readDate(fm, name, opts.timeZone, warn);
  const { categories, tags } = readTaxonomies(fm.fields);
  const slug = text(fm.fields.get('slug')) || name.slug;
  const permalink = text(fm.fields.get('permalink')) || undefined;
  const parts: UrlParts = { categories, slug, permalink, naive };
  const url = buildPermalink({ ...parts, date: datePartsIn(date, opts.timeZone) });
  const jekyllUrl = jekyllUrlIn(fm, name, parts, opts.timeZone);

  let title = text(fm.fields.get('title'));
  if (!title) {
    title = firstSentence(plain) || slug;
    warn(fm.lineOf('title'), `empty title: showing "${title}" from the body`, 'note');
  }
  const published = readPublished(fm, warn);

  const post: Post = {
    path: file,
    url,
    title,
    date,
    categories,
    tags,
    excerpt: excerptOf(plain),
    slug,
    body: fm.body,
    bodyLine: fm.bodyLine,
    format,
    bodyHash: opts.source?.hash ?? fileHash(bytes),
    published,
    text: plain,
    textDone: !lead,
    jekyllUrl: jekyllUrl !== url ? jekyllUrl : null,
    aliases: aliasesOf(fm, name, { ...parts, date, url }, opts),
    warnings,
  };
  return { ok: true, post };
}
