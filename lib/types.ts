// Shared types of the content model: what the parser produces and what pages receive.

/** The two taxonomies of a post, as Jekyll has them (lib/terms.ts holds what differs). */
export type TermKind = 'category' | 'tag';

/** A problem found in one content file, located for the person who has to fix it. */
export type ContentError = {
  file: string;
  line: number;
  message: string;
  severity: 'error' | 'warning' | 'note';
};

/** Everything a list needs about a post; never the body. */
export type PostMeta = {
  /** Path of the source file relative to the content folder, e.g. `_posts/2024-01-01-x.md`. */
  path: string;
  /** Decoded URL path, e.g. `/gongxinweibao/2021/12/20/NW1.html`. */
  url: string;
  title: string;
  /** Milliseconds since the epoch. */
  date: number;
  categories: string[];
  tags: string[];
  excerpt: string;
};

/** A parsed post file: the metadata plus its raw body and what only the index needs. */
export type Post = PostMeta & {
  slug: string;
  body: string;
  /** File line the body starts on, for messages about it. */
  bodyLine: number;
  format: 'markdown' | 'html';
  /** Identifies the body and its format: a stored render is of the body with this hash. */
  bodyHash: string;
  published: boolean;
  /** Plain text of the body, for search and descriptions (only its start when `textDone` is false). */
  text: string;
  /** Whether `text` is the whole body's (and its warnings are all in `warnings`). */
  textDone: boolean;
  /** The URL Jekyll generated when it misread a zone-less date as UTC, if that differs from `url`. */
  jekyllUrl: string | null;
  /** Every other URL that leads to the post (308): Jekyll's, and those of former time zones. */
  aliases: string[];
  warnings: ContentError[];
};

export type ParseResult = { ok: true; post: Post } | { ok: false; error: ContentError };

/** A post as the index keeps it: everything but the body, which is read again when shown. */
export type IndexedPost = Omit<Post, 'body'>;
export type IndexedResult = { ok: true; post: IndexedPost } | { ok: false; error: ContentError };

export type Page<T> = { items: T[]; page: number; pages: number; total: number };

export type TermCount = { name: string; key: string; count: number };

export type SearchHit = PostMeta & { snippet: string };
export type SearchPage = {
  items: SearchHit[];
  page: number;
  pages: number;
  /** Matches counted, at most RESULT_CAP. */
  total: number;
  /** True when there are more matches than RESULT_CAP. */
  capped: boolean;
};
