// One file's bytes → a `Post` or a located `ContentError`, following Jekyll's rules (DESIGN §1):
// file-name pattern, tolerant front matter, safe bounded YAML, dates read from their raw text
// in the site zone, Jekyll's taxonomies, `published`, `permalink` and `slug`.
import { isAlias, isMap, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { Document } from 'yaml';

import { buildPermalink, datePartsIn } from '@/lib/content/permalink';
import { jekyllMisreadsAsUtc, parseDateText, wallTimeToInstant } from '@/lib/content/dates';
import { excerptOf, firstSentence, plainText } from '@/lib/content/text';
import type { ContentError, ParseResult, Post } from '@/lib/types';

export const POST_FILE = /^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.(md|markdown|html)$/i;
const MAX_FRONT_MATTER = 256 * 1024;
const MAX_ALIASES = 50;
/** Plain YAML scalars that Jekyll's loader reads as nil, and as `false`. */
const NULL_SCALAR = /^(?:~|null|Null|NULL)?$/;
const FALSE_SCALAR = /^(?:false|no|off)$/i;

export type ParseOptions = { timeZone: string };

/** A top-level front-matter field: its value, whether YAML reads it as null, and its file line. */
type Field = { value: unknown; isNull: boolean; plain: boolean; line: number };

/** Whether a file in `_posts/` is a post candidate at all (Jekyll skips dot-files, `_` and `~`). */
export function isCandidate(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('_') && !name.endsWith('~');
}

function fail(file: string, line: number, message: string): ParseResult {
  return { ok: false, error: { file, line, message, severity: 'error' } };
}

function decode(bytes: Uint8Array): { text: string; badLine: number | null } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), badLine: null };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const at = text.indexOf('\uFFFD');
    return { text, badLine: text.slice(0, Math.max(at, 0)).split('\n').length };
  }
}

/** What to tell the editor about a YAML error on `line` (the text of the offending line). */
function yamlHint(line: string): string {
  if (line.includes('"'))
    return 'Quote values containing " with single quotes, or escape them as \\"';
  if (/^\s*\t/.test(line)) return 'Indent with spaces: YAML does not allow tabs';
  return 'Write each field as "key: value", and quote a value that contains ": " or starts with [ { * & ! | > % @';
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

/** The top-level fields of a front-matter map; for a repeated key the last one wins, as in Jekyll. */
function fieldsOf(
  doc: Document,
  data: Record<string, unknown>,
  toFileLine: (offset: number) => number,
) {
  const fields = new Map<string, Field>();
  if (!isMap(doc.contents)) return fields;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const node = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
    const plain = node == null || (isScalar(node) && node.type === 'PLAIN');
    const isNull =
      node == null || (plain && isScalar(node) && NULL_SCALAR.test(String(node.value)));
    fields.set(key, {
      value: data[key],
      isNull,
      plain,
      line: toFileLine(pair.key.range?.[0] ?? 0),
    });
  }
  return fields;
}

function text(field: Field | undefined): string {
  return field && !field.isNull && typeof field.value === 'string' ? field.value.trim() : '';
}

/**
 * Parses one post file. `file` is its path relative to the content folder (used in messages and
 * as the post's identity); `bytes` its contents.
 */
export function parsePost(file: string, bytes: Uint8Array, opts: ParseOptions): ParseResult {
  const name = file.split('/').pop() ?? file;
  const nameMatch = POST_FILE.exec(name);
  if (!nameMatch) {
    return fail(
      file,
      1,
      'file name is not YYYY-MM-DD-slug.md (.markdown, .html): not a post, Jekyll ignores it too. Rename it, e.g. 2024-03-01-my-story.md',
    );
  }
  const [, fy = '', fm = '', fd = '', rawSlug = '', ext = ''] = nameMatch;
  // Jekyll drops trailing dots from the file-name slug.
  const fileSlug = rawSlug.replace(/\.+$/, '') || rawSlug;
  const fileDate = wallTimeToInstant(
    Date.UTC(Number(fy), Number(fm) - 1, Number(fd)),
    opts.timeZone,
  );
  if (
    Number.isNaN(fileDate) ||
    Number(fm) < 1 ||
    Number(fm) > 12 ||
    Number(fd) < 1 ||
    Number(fd) > 31
  ) {
    return fail(
      file,
      1,
      'the date in the file name is not a real date: rename it YYYY-MM-DD-slug.md',
    );
  }
  const warnings: ContentError[] = [];

  const decoded = decode(bytes);
  if (decoded.badLine !== null) {
    warnings.push({
      file,
      line: decoded.badLine,
      message: 'invalid UTF-8 bytes were replaced with �: save the file as UTF-8',
      severity: 'warning',
    });
  }
  const lines = decoded.text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');

  let open = 0;
  while (open < lines.length && (lines[open] ?? '').trim() === '') open++;
  if (!/^---\s*$/.test(lines[open] ?? '')) {
    return fail(
      file,
      open + 1,
      'no front matter: a post starts with a --- line, then title:, date:, categories:, then ---',
    );
  }
  let close = open + 1;
  while (close < lines.length && !/^(---|\.\.\.)\s*$/.test(lines[close] ?? '')) close++;
  if (close >= lines.length) {
    return fail(
      file,
      open + 1,
      `front matter opened on line ${open + 1} is never closed: add a --- line after the last field`,
    );
  }
  const yamlText = lines.slice(open + 1, close).join('\n');
  if (yamlText.length > MAX_FRONT_MATTER) {
    return fail(
      file,
      open + 1,
      `front matter is larger than ${MAX_FRONT_MATTER / 1024} KB: move the text into the body`,
    );
  }
  // YAML line n is file line open + 1 + n.
  const lineCounter = new LineCounter();
  const toFileLine = (offset: number) => open + 1 + lineCounter.linePos(offset).line;

  const doc = parseDocument(yamlText, {
    schema: 'failsafe',
    uniqueKeys: false,
    prettyErrors: true,
    lineCounter,
  });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const at = yamlError.linePos?.[0]?.line ?? 1;
    const reason = (yamlError.message.split('\n')[0] ?? 'invalid YAML').replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    const hint = yamlHint(lines[open + at] ?? '');
    return fail(file, open + 1 + at, `front matter is not valid YAML: ${reason}. ${hint}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    let aliasLine = open + 2;
    visit(doc, {
      Alias(_, node) {
        aliasLine = toFileLine(node.range?.[0] ?? 0);
        return visit.BREAK;
      },
    });
    const reason = error instanceof Error ? error.message : String(error);
    return fail(
      file,
      aliasLine,
      `front matter rejected: ${reason}. Remove the YAML aliases (*name) and anchors (&name)`,
    );
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return fail(file, open + 2, 'front matter must be a list of "key: value" lines');
  }
  const fields = fieldsOf(doc, data as Record<string, unknown>, toFileLine);
  const lineOfKey = (key: string) => fields.get(key)?.line ?? open + 1;

  const body = lines.slice(close + 1).join('\n');
  const plain = plainText(body);

  // Dates: the file-name date at midnight site time, unless the front matter has a valid one.
  let date = fileDate;
  let jekyllDate: number | null = null;
  const dateField = fields.get('date');
  const rawDate = text(dateField);
  if (rawDate) {
    const parsed = parseDateText(rawDate, opts.timeZone);
    if (parsed) {
      date = parsed.ms;
      if (dateField?.plain && jekyllMisreadsAsUtc(rawDate)) jekyllDate = parsed.naiveMs;
    } else {
      warnings.push({
        file,
        line: lineOfKey('date'),
        message: `date "${rawDate}" is not YYYY-MM-DD HH:MM:SS +0800: using the file-name date ${fy}-${fm}-${fd} 00:00. Write e.g. date: ${fy}-${fm.padStart(2, '0')}-${fd.padStart(2, '0')} 09:30:00 +0800`,
        severity: 'warning',
      });
    }
  } else {
    warnings.push({
      file,
      line: lineOfKey('date'),
      message: `no date: using the file-name date ${fy}-${fm}-${fd} 00:00`,
      severity: 'warning',
    });
  }

  // Jekyll: `categories` (split) plus `category` (whole); `tag` (whole) or else `tags` (split).
  const categories = [
    ...new Set([...terms(fields.get('categories'), true), ...terms(fields.get('category'), false)]),
  ];
  const tagField = fields.get('tag');
  const tags = [
    ...new Set(
      tagField && !tagField.isNull ? terms(tagField, false) : terms(fields.get('tags'), true),
    ),
  ];
  const slug = text(fields.get('slug')) || fileSlug;
  const permalink = text(fields.get('permalink')) || undefined;
  const url = buildPermalink({
    categories,
    date: datePartsIn(date, opts.timeZone),
    slug,
    permalink,
  });

  // The URL Jekyll itself generated, when it differs: with a blank line before `---` Jekyll saw
  // no front matter at all; a zone-less timestamp it read as UTC (8 hours late).
  let jekyllUrl: string | null = null;
  if (open > 0) {
    jekyllUrl = buildPermalink({
      categories: [],
      date: datePartsIn(fileDate, opts.timeZone),
      slug: fileSlug,
    });
  } else if (jekyllDate !== null) {
    jekyllUrl = buildPermalink({
      categories,
      date: datePartsIn(jekyllDate, opts.timeZone),
      slug,
      permalink,
    });
  }

  let title = text(fields.get('title'));
  if (!title) {
    title = firstSentence(plain) || slug;
    warnings.push({
      file,
      line: lineOfKey('title'),
      message: `empty title: showing "${title}" from the body`,
      severity: 'note',
    });
  }
  const publishedField = fields.get('published');
  const published = !(
    publishedField &&
    (publishedField.isNull || FALSE_SCALAR.test(text(publishedField)))
  );
  if (!published) {
    warnings.push({
      file,
      line: lineOfKey('published'),
      message:
        'published is false (or empty): not shown anywhere. Write published: true, or remove the line, to publish it',
      severity: 'note',
    });
  }

  const post: Post = {
    path: file,
    url,
    title,
    date,
    categories,
    tags,
    excerpt: excerptOf(plain),
    slug,
    body,
    format: ext.toLowerCase() === 'html' ? 'html' : 'markdown',
    published,
    text: plain,
    jekyllUrl: jekyllUrl !== url ? jekyllUrl : null,
    warnings,
  };
  return { ok: true, post };
}
