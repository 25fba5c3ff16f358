// The tokens of the full-text index: every pair of neighbouring characters (lower-cased), and
// each run's last character alone, runs being split at whitespace and invisible characters.
// Chinese needs no word segmenter this way, any substring of two characters or more is the
// sequence of its pairs, and one character is a prefix of some token. The index keeps which
// posts hold each token (FTS5 `detail=none`, about half the text's size); a term of three
// characters or more is then confirmed in the post's text (lib/content/search.ts).

/** Whitespace, separators, control and format characters and unassigned code points. */
const BREAK = /[\s\p{Z}\p{Cc}\p{Cf}\p{Cs}\p{Cn}]+/u;

/** The runs of characters of `text` between breaks, lower-cased, each as its code points. */
export function runsOf(text: string): string[][] {
  const runs: string[][] = [];
  for (const run of text.toLowerCase().split(BREAK)) if (run) runs.push(Array.from(run));
  return runs;
}

/** The tokens of a run, in order: its pairs, then its last character. */
export function runTokens(chars: string[]): string[] {
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
  const last = chars[chars.length - 1];
  if (last !== undefined) tokens.push(last);
  return tokens;
}

/** The document FTS5 indexes for a text: its tokens, separated by spaces. */
export function bigramDocument(...texts: string[]): string {
  const out: string[] = [];
  for (const text of texts) for (const run of runsOf(text)) out.push(runTokens(run).join(' '));
  return out.join(' ');
}

/**
 * The FTS5 tokenizer that reads such a document back: only spaces (and the breaks above, which
 * the document never holds) end a token, so punctuation and symbols stay inside pairs.
 */
export const BIGRAM_TOKENIZER = `unicode61 remove_diacritics 0 categories 'L* M* N* P* S* Co'`;
