// What a reader typed into the search box, made into terms, and how a result's text is cut and
// marked for display. Pure functions shared by the search module and the search page.

/** Longer queries are refused with a helpful page rather than searched. */
export const MAX_QUERY_CHARS = 100;
export const MAX_TERMS = 8;

export type ParsedQuery =
  | { ok: true; text: string; terms: string[] }
  | { ok: false; text: string; reason: 'empty' | 'too-long' | 'too-many-terms' };

/** Whitespace (ASCII, full-width and the rest) separates terms; control characters are dropped. */
export function parseQuery(raw: string | string[] | undefined): ParsedQuery {
  const first = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  const text = first
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (!text) return { ok: false, text, reason: 'empty' };
  if (Array.from(text).length > MAX_QUERY_CHARS) return { ok: false, text, reason: 'too-long' };
  const terms: string[] = [];
  for (const term of text.split(' ')) {
    if (!terms.some((t) => t.toLowerCase() === term.toLowerCase())) terms.push(term);
  }
  if (terms.length > MAX_TERMS) return { ok: false, text, reason: 'too-many-terms' };
  return { ok: true, text, terms };
}

export type Segment = { text: string; mark: boolean };

/** Splits `text` into plain and marked runs: every case-insensitive occurrence of a term is marked. */
export function highlight(text: string, terms: string[]): Segment[] {
  const needles = terms.map((t) => t.toLowerCase()).filter(Boolean);
  if (!needles.length || !text) return text ? [{ text, mark: false }] : [];
  const haystack = text.toLowerCase();
  // Lower-casing can change a string's length (rare letters): then mark nothing rather than the wrong span.
  if (haystack.length !== text.length) return [{ text, mark: false }];
  const marked = new Uint8Array(text.length);
  for (const needle of needles) {
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
      marked.fill(1, at, at + needle.length);
    }
  }
  const out: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      out.push({ text: text.slice(start, i), mark: marked[start] === 1 });
      start = i;
    }
  }
  return out;
}

/**
 * About `width` characters of `text` around the first occurrence of any term, on whole code
 * points, with `…` where it was cut.
 */
export function snippetAround(text: string, terms: string[], width = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= width) return flat;
  const lower = flat.toLowerCase();
  let hit = -1;
  for (const term of terms) {
    const at = lower.indexOf(term.toLowerCase());
    if (at !== -1 && (hit === -1 || at < hit)) hit = at;
  }
  // indexOf counts UTF-16 units; the window is cut on code points.
  const hitChar = hit === -1 ? 0 : Array.from(flat.slice(0, hit)).length;
  const start = Math.max(0, Math.min(hitChar - Math.floor(width / 4), chars.length - width));
  const end = Math.min(chars.length, start + width);
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
}
