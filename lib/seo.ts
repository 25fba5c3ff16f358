// What share cards, feed readers and search engines read about a page: titles, descriptions,
// canonical URLs, OpenGraph and Twitter cards, feed links and an article's JSON-LD. Pure.
import type { Metadata } from 'next';

import { isoInZone } from '@/lib/format';
import { SITE_NAME, SITE_URL } from '@/lib/site';
import {
  labelled,
  TERM_KINDS,
  termFeedPath,
  termHref,
  termLabel,
  type Term,
  type TermNames,
} from '@/lib/terms';

/** The site-wide share image in public/, for pages without an image of their own. */
export const DEFAULT_IMAGE = { path: '/og-default.png', width: 1200, height: 630 };
/** The site's logo in public/ (app/icon.svg, 512x512, drawn by scripts/make-og-image.mjs). */
export const LOGO = { path: '/logo.png' };
const DESCRIPTION_CHARS = 120;

export type FeedLink = { title: string; path: string };

export const SITE_FEED: FeedLink = { title: `${SITE_NAME} 最新文章`, path: '/feed.xml' };

export function termFeed(term: Term): FeedLink {
  return {
    title: `${SITE_NAME} ${TERM_KINDS[term.kind].label}：${termLabel(term)}`,
    path: termFeedPath(term),
  };
}

export function absoluteUrl(path: string): string {
  return `${SITE_URL}${path}`;
}

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * About `max` characters of plain text for a description: whitespace collapsed, cut between
 * graphemes (never inside a character or an emoji), at the end of a sentence when one ends in
 * the last third, else with `…`.
 */
export function summarize(text: string, max = DESCRIPTION_CHARS): string {
  // Segmenting is slow on long strings (seconds for a 3 MB body): look at the start only, a few
  // characters per grapheme first (nearly every text), more only when that was not enough.
  for (const per of [4, 16]) {
    const room = max * per;
    const flat = text
      .slice(0, room * 2)
      .replace(/\s+/g, ' ')
      .trim();
    const window = flat.slice(0, room);
    const chars = Array.from(graphemes.segment(window), (s) => s.segment);
    if (window.length === flat.length && chars.length <= max) return flat;
    if (chars.length <= max && per < 16) continue;
    // A window cut inside a character loses that character rather than showing half of it.
    if (chars.length <= max) chars.pop();
    const head = chars.slice(0, max);
    for (let i = head.length - 1; i >= Math.floor((max * 2) / 3); i--) {
      if (/^[。！？!?；;]$/.test(head[i] ?? '')) return head.slice(0, i + 1).join('');
    }
    return `${head
      .slice(0, max - 1)
      .join('')
      .trimEnd()}…`;
  }
  return '';
}

/** The news source a post names (`（文章来源：工信微报）`), if any. */
export function sourceOf(text: string): string | null {
  const m = /(?:文章)?来源[：:]\s*([^）)\n，,。]{1,40})/.exec(text);
  return m?.[1]?.trim() || null;
}

/**
 * An image `src` from a body as an absolute http(s) URL, or null when it cannot be one or is an
 * SVG (share cards show raster images only).
 */
export function absoluteImage(src: string | null): string | null {
  if (!src || /\.svgz?(?:[?#]|$)/i.test(src)) return null;
  if (src.startsWith('//')) return `https:${src}`;
  if (src.startsWith('/')) return absoluteUrl(src);
  return /^https?:\/\//i.test(src) ? src : null;
}

function feedAlternates(feeds: FeedLink[]) {
  return { 'application/atom+xml': feeds.map((f) => ({ url: f.path, title: f.title })) };
}

/** Home, category, tag and other list pages: their own title, description and canonical URL. */
export function listingMetadata(opts: {
  title: string;
  description: string;
  path: string;
  feeds?: FeedLink[];
  /** Use the title as it is, without the site name the layout's template adds. */
  absolute?: boolean;
}): Metadata {
  const { title, description, path } = opts;
  const image = {
    url: DEFAULT_IMAGE.path,
    width: DEFAULT_IMAGE.width,
    height: DEFAULT_IMAGE.height,
    alt: SITE_NAME,
  };
  return {
    title: opts.absolute ? { absolute: title } : title,
    description,
    alternates: { canonical: path, types: feedAlternates(opts.feeds ?? [SITE_FEED]) },
    openGraph: {
      type: 'website',
      title,
      description,
      url: path,
      siteName: SITE_NAME,
      locale: 'zh_CN',
      images: [image],
    },
    twitter: {
      card: 'summary_large_image',
      title,
      description,
      images: [{ url: image.url, alt: image.alt }],
    },
  };
}

/** A category's or tag's list page `page` (1-based) of `total` posts over `pages` pages. */
export function termListMetadata(
  list: { term: Term; total: number; pages: number; newestTitle?: string },
  page: number,
): Metadata {
  const { term, total, pages } = list;
  const label = TERM_KINDS[term.kind].label;
  const about = `${SITE_NAME}「${termLabel(term)}」${label}下的 ${total} 篇文章，按时间倒序`;
  const newest = list.newestTitle ? `最新：${list.newestTitle}` : '';
  return listingMetadata({
    title: `${label}：${termLabel(term)}${page > 1 ? ` 第 ${page} 页` : ''}`,
    description: page > 1 ? `${about}，第 ${page} / ${pages} 页。` : `${about}。${newest}`,
    path: termHref(term, page),
    feeds: [termFeed(term), SITE_FEED],
  });
}

export type ArticleSeo = {
  url: string;
  title: string;
  date: number;
  categories: string[];
  tags: string[];
  /** The text readers are shown (the sanitized body's), never the raw file's. */
  text: string;
  /** The body's images, first first: the first one a card can show is the card's. */
  images: string[];
  /** Display names of categories. */
  names: TermNames;
  /** The original story the body links ("阅读原文"), if any. */
  sourceUrl: string | null;
};

function categoriesOf(post: ArticleSeo): Term[] {
  return post.categories.map((name) => labelled({ kind: 'category', name }, post.names));
}

/** The first category's display name. */
function sectionOf(post: ArticleSeo): string | undefined {
  const first = categoriesOf(post)[0];
  return first ? termLabel(first) : undefined;
}

function articleFacts(post: ArticleSeo) {
  const description = summarize(post.text) || summarize(post.title);
  const image = post.images.map(absoluteImage).find((src) => src !== null) ?? null;
  return {
    description,
    image: image ?? absoluteUrl(DEFAULT_IMAGE.path),
    ownImage: image !== null,
    published: isoInZone(post.date),
    source: sourceOf(post.text),
  };
}

/** An article's metadata; `href` is its canonical path (percent-encoded). */
export function articleMetadata(post: ArticleSeo, href: string, title: string): Metadata {
  const facts = articleFacts(post);
  const image = facts.ownImage
    ? { url: facts.image, alt: title }
    : {
        url: facts.image,
        width: DEFAULT_IMAGE.width,
        height: DEFAULT_IMAGE.height,
        alt: SITE_NAME,
      };
  const feeds = [SITE_FEED, ...categoriesOf(post).map(termFeed)];
  return {
    title,
    description: facts.description,
    alternates: { canonical: href, types: feedAlternates(feeds) },
    openGraph: {
      type: 'article',
      title,
      description: facts.description,
      url: href,
      siteName: SITE_NAME,
      locale: 'zh_CN',
      publishedTime: facts.published,
      section: sectionOf(post),
      tags: post.tags,
      images: [image],
    },
    twitter: {
      card: 'summary_large_image',
      title,
      description: facts.description,
      images: [{ url: facts.image, alt: image.alt }],
    },
  };
}

/** The site as schema.org knows an organization: name, home page and logo. */
function siteOrganization() {
  return {
    '@type': 'Organization',
    name: SITE_NAME,
    url: absoluteUrl('/'),
    // schema.org's width and height are distances, not numbers: the file says its size.
    logo: { '@type': 'ImageObject', url: absoluteUrl(LOGO.path) },
  };
}

/**
 * schema.org NewsArticle for the article page's JSON-LD. The site publishes the page; the author
 * is the source the text names (with the original story it links, when it links one), else the
 * site itself.
 */
export function articleJsonLd(post: ArticleSeo, href: string) {
  const facts = articleFacts(post);
  const site = siteOrganization();
  const author = facts.source
    ? {
        '@type': 'Organization',
        name: facts.source,
        ...(post.sourceUrl && { url: post.sourceUrl }),
      }
    : { '@type': 'Organization', name: site.name, url: site.url };
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: Array.from(post.title).slice(0, 110).join(''),
    description: facts.description,
    datePublished: facts.published,
    dateModified: facts.published,
    mainEntityOfPage: absoluteUrl(href),
    url: absoluteUrl(href),
    image: [facts.image],
    author,
    publisher: site,
    articleSection: sectionOf(post),
    keywords: post.tags.join(','),
    inLanguage: 'zh-CN',
  };
}
