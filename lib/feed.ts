// Atom feeds as jekyll-feed wrote them, through the `feed` library: the same feed and entry ids
// (so readers that followed the old site do not see every item again), links to this site's
// pages, dates as instants, categories and tags as Atom categories.
import path from 'node:path';

import { Feed } from 'feed';

import { encodePath } from '@/lib/content/permalink';
import { articleHref } from '@/lib/format';
import { SITE_NAME, SITE_URL } from '@/lib/site';
import { TERM_KINDS, type TermNames } from '@/lib/terms';

export const FEED_SIZE = 20;
export const ATOM_HEADERS = { 'Content-Type': 'application/atom+xml; charset=utf-8' };

/** Entries whose body is longer than this carry their summary only. */
export const MAX_CONTENT_CHARS = 200_000;

export type FeedItem = {
  url: string;
  slug: string;
  jekyllUrl: string | null;
  title: string;
  date: number;
  categories: string[];
  tags: string[];
  excerpt: string;
  /** Sanitized body HTML from lib/render.ts, or null when the body could not be read. */
  html: string | null;
};

/**
 * jekyll-feed's entry id: `post.id | absolute_url`, where Jekyll's `post.id` is the folder of the
 * URL Jekyll generated plus the slug, e.g. `https://site/gongxinweibao/2021/12/20/NW2021…`.
 */
export function jekyllFeedId(
  item: Pick<FeedItem, 'url' | 'slug' | 'jekyllUrl'>,
  base = SITE_URL,
): string {
  const folder = path.posix.dirname(item.jekyllUrl ?? item.url);
  // Ruby's File.join: no normalisation of the slug, one slash between the parts.
  return `${base}${encodePath(`${folder.replace(/\/+$/, '')}/${item.slug}`)}`;
}

// XML 1.0 cannot carry these at all, escaped or not.
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Plain text as the HTML that `type="html"` elements carry. */
function htmlText(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The library escapes `"` and `&` in attributes but not `<`, which XML forbids there. */
function attributeSafe(text: string): string {
  return xmlSafe(text).replaceAll('<', '＜');
}

/** Site-relative links and images in a body resolve against the site, wherever the feed is read. */
function absolutize(html: string, base: string): string {
  return html.replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${base}/`);
}

export function atomFeed(opts: {
  title: string;
  subtitle?: string;
  /** Path of the feed itself, e.g. `/feed.xml`: also its id, as jekyll-feed had it. */
  feedPath: string;
  /** Path of the page the feed follows, e.g. `/` or `/category/emnews`. */
  pagePath: string;
  items: FeedItem[];
  /** Display names of categories: an entry's category carries its name as `label`. */
  names?: TermNames;
  base?: string;
}): string {
  const base = opts.base ?? SITE_URL;
  const self = `${base}${opts.feedPath}`;
  const feed = new Feed({
    id: self,
    title: xmlSafe(opts.title),
    description: opts.subtitle ? xmlSafe(opts.subtitle) : undefined,
    link: `${base}${opts.pagePath}`,
    feedLinks: { atom: self },
    language: 'zh-CN',
    author: { name: SITE_NAME },
    updated: new Date(Math.max(0, ...opts.items.map((i) => i.date))),
    generator: SITE_NAME,
  });
  for (const item of opts.items) {
    const date = new Date(item.date);
    const html = item.html && item.html.length <= MAX_CONTENT_CHARS ? item.html : null;
    feed.addItem({
      id: jekyllFeedId(item, base),
      link: `${base}${articleHref(item.url)}`,
      title: htmlText(item.title),
      date,
      published: date,
      description: item.excerpt ? htmlText(item.excerpt) : undefined,
      content: html ? xmlSafe(absolutize(html, base)).replaceAll(']]>', ']]&gt;') : undefined,
      category: [
        ...item.categories.map((term) => ({
          term: attributeSafe(term),
          name: attributeSafe(TERM_KINDS.category.display(term, opts.names ?? {})),
        })),
        ...item.tags.map((term) => ({ term: attributeSafe(term) })),
      ],
    });
  }
  return feed.atom1();
}
