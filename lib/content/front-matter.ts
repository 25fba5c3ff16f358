// A post file's text and front matter, read the tolerant way Jekyll does (leading BOM, CRLF,
// blank lines before the opening `---`) with a safe, bounded YAML reader: every top-level field
// with its value, whether YAML reads it as null, and its line in the file.
import { isUtf8 } from 'node:buffer';

import { isAlias, isMap, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { Document } from 'yaml';

const MAX_FRONT_MATTER = 256 * 1024;
const MAX_ALIASES = 50;
/** Plain YAML scalars that Jekyll's loader reads as nil. */
const NULL_SCALAR = /^(?:~|null|Null|NULL)?$/;

/** A top-level front-matter field: its value, whether YAML reads it as null, and its file line. */
export type Field = { value: unknown; isNull: boolean; plain: boolean; line: number };

export type FrontMatter = {
  fields: Map<string, Field>;
  /** Everything after the closing line. */
  body: string;
  /** File line the body starts on. */
  bodyLine: number;
  /** 0-based line of the opening `---` (blank lines before it moved it down). */
  open: number;
  /** File line of a field, or of the opening `---` when the field is absent. */
  lineOf: (key: string) => number;
};

/** Where a file stops being readable: its line and what to tell the editor. */
export type Unreadable = { line: number; message: string };

/** UTF-8 text of a file, and the line of the first invalid byte (replaced with U+FFFD), if any. */
export function decode(bytes: Uint8Array): { text: string; badLine: number | null } {
  // isUtf8 checks in native code; the TextDecoder is for the rare invalid file.
  if (isUtf8(bytes)) {
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
      badLine: null,
    };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const at = text.indexOf('\uFFFD');
  return { text, badLine: text.slice(0, Math.max(at, 0)).split('\n').length };
}

/** What to tell the editor about a YAML error on `line` (the text of the offending line). */
function yamlHint(line: string): string {
  if (line.includes('"'))
    return 'Quote values containing " with single quotes, or escape them as \\"';
  if (/^\s*\t/.test(line)) return 'Indent with spaces: YAML does not allow tabs';
  return 'Write each field as "key: value", and quote a value that contains ": " or starts with [ { * & ! | > % @';
}

/** The front matter's opening and closing line (0-based), or why the file has none. */
function locate(lines: string[]): { open: number; close: number } | Unreadable {
  let open = 0;
  while (open < lines.length && (lines[open] ?? '').trim() === '') open++;
  if (!/^---\s*$/.test(lines[open] ?? '')) {
    return {
      line: open + 1,
      message:
        'no front matter: a post starts with a --- line, then title:, date:, categories:, then ---',
    };
  }
  let close = open + 1;
  while (close < lines.length && !/^(---|\.\.\.)\s*$/.test(lines[close] ?? '')) close++;
  if (close >= lines.length) {
    return {
      line: open + 1,
      message: `front matter opened on line ${open + 1} is never closed: add a --- line after the last field`,
    };
  }
  return { open, close };
}

/** The top-level fields of a front-matter map; for a repeated key the last one wins, as in Jekyll. */
function fieldsOf(doc: Document, data: Record<string, unknown>, toFileLine: (o: number) => number) {
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

/** `key: value` on one line, the value a single-line scalar. */
const SIMPLE_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*?))?[ ]*$/;
/** A plain scalar that YAML reads as the same string: no indicator first, no `: ` or ` #` in it. */
const SIMPLE_PLAIN = /^[^-?:,[\]{}#&*!|>'"%@`\s](?:(?![ ]#|:[ ]|:$)[^\t])*$/;
const SIMPLE_DOUBLE = /^"([^"\\]*)"$/;
const SIMPLE_SINGLE = /^'([^']*)'$/;

/**
 * The fields of a front matter made only of one-line `key: value` pairs whose values YAML's
 * failsafe schema reads as written (the shape of nearly every post: scrapers write it), read
 * without building a YAML document. Anything else (lists, comments, escapes, block scalars)
 * is left to the YAML parser: null.
 */
function readSimple(lines: string[], open: number, close: number): Map<string, Field> | null {
  const fields = new Map<string, Field>();
  for (let i = open + 1; i < close; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const m = SIMPLE_LINE.exec(line);
    if (!m) return null;
    const [, key = '', raw] = m;
    const at = i + 1;
    if (raw === undefined || raw === '') {
      fields.set(key, { value: '', isNull: true, plain: true, line: at });
      continue;
    }
    const quoted = SIMPLE_DOUBLE.exec(raw) ?? SIMPLE_SINGLE.exec(raw);
    if (quoted) {
      fields.set(key, { value: quoted[1], isNull: false, plain: false, line: at });
    } else if (SIMPLE_PLAIN.test(raw)) {
      fields.set(key, { value: raw, isNull: NULL_SCALAR.test(raw), plain: true, line: at });
    } else {
      return null;
    }
  }
  return fields;
}

/** Parses the YAML between the lines `open` and `close` with the failsafe schema (strings only). */
function readYaml(
  lines: string[],
  open: number,
  close: number,
  fast: boolean,
): Map<string, Field> | Unreadable {
  const size = lines.slice(open + 1, close).reduce((n, l) => n + l.length + 1, 0);
  if (size > MAX_FRONT_MATTER) {
    return {
      line: open + 1,
      message: `front matter is larger than ${MAX_FRONT_MATTER / 1024} KB: move the text into the body`,
    };
  }
  const simple = fast ? readSimple(lines, open, close) : null;
  if (simple) return simple;
  const yamlText = lines.slice(open + 1, close).join('\n');
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
    return { line: open + 1 + at, message: `front matter is not valid YAML: ${reason}. ${hint}` };
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
    return {
      line: aliasLine,
      message: `front matter rejected: ${reason}. Remove the YAML aliases (*name) and anchors (&name)`,
    };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { line: open + 2, message: 'front matter must be a list of "key: value" lines' };
  }
  return fieldsOf(doc, data as Record<string, unknown>, toFileLine);
}

/**
 * The front matter and body of a decoded file, or where and why it cannot be read. `fast: false`
 * always builds the YAML document (tests compare the two ways).
 */
export function readFrontMatter(text: string, fast = true): FrontMatter | Unreadable {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const at = locate(lines);
  if ('message' in at) return at;
  const fields = readYaml(lines, at.open, at.close, fast);
  if (!(fields instanceof Map)) return fields;
  return {
    fields,
    body: lines.slice(at.close + 1).join('\n'),
    bodyLine: at.close + 2,
    open: at.open,
    lineOf: (key) => fields.get(key)?.line ?? at.open + 1,
  };
}

/** A field's string value, trimmed; '' when absent, null or not a string. */
export function text(field: Field | undefined): string {
  return field && !field.isNull && typeof field.value === 'string' ? field.value.trim() : '';
}
