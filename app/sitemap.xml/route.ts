import { sitemapFilePath, sitemapIndexXml, urlsetXml, XML_HEADERS } from '@/lib/sitemap-xml';
import { getSitemap } from '@/lib/store';

export const revalidate = 300;

/** Every page in one sitemap; past 45,000 URLs, an index of sitemap files. */
export async function GET() {
  const sitemap = await getSitemap();
  const xml =
    sitemap.kind === 'urlset'
      ? urlsetXml(sitemap.urls)
      : sitemapIndexXml(
          sitemap.files.map((f) => ({ path: sitemapFilePath(f.n), lastmod: f.lastmod })),
        );
  return new Response(xml, { headers: XML_HEADERS });
}
