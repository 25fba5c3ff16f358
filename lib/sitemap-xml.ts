// Sitemap protocol documents (sitemaps.org 0.9): a urlset of pages or an index of sitemap files.
// Pure string building; every loc is absolute and XML-escaped, every lastmod a W3C datetime.
import { SITE_URL } from '@/lib/site';

export type SitemapLoc = { path: string; lastmod: number };

const XMLNS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** UTC, to the second: a W3C datetime, and ~50x cheaper than formatting in the site zone. */
function w3cDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function entry(tag: 'url' | 'sitemap', item: SitemapLoc, base: string): string {
  const lastmod = item.lastmod > 0 ? `<lastmod>${w3cDate(item.lastmod)}</lastmod>` : '';
  return `<${tag}><loc>${escapeXml(base + item.path)}</loc>${lastmod}</${tag}>`;
}

export function urlsetXml(urls: SitemapLoc[], base = SITE_URL): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${XMLNS}">\n${urls
    .map((u) => entry('url', u, base))
    .join('\n')}\n</urlset>\n`;
}

export function sitemapIndexXml(files: SitemapLoc[], base = SITE_URL): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${XMLNS}">\n${files
    .map((f) => entry('sitemap', f, base))
    .join('\n')}\n</sitemapindex>\n`;
}

/**
 * The path of sitemap file `n` (1-based) when /sitemap.xml is an index: at the root, because a
 * sitemap may only list URLs below its own folder.
 */
export function sitemapFilePath(n: number): string {
  return `/sitemap-${n}.xml`;
}

export const XML_HEADERS = { 'Content-Type': 'application/xml; charset=utf-8' };
