import { notFoundText } from '@/lib/http';
import { urlsetXml, XML_HEADERS } from '@/lib/sitemap-xml';
import { getSitemapFile } from '@/lib/store';

export const revalidate = 300;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

/** Sitemap file `/sitemap-<n>.xml` of the index at /sitemap.xml (next.config.mjs rewrites it here). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const m = /^([1-9]\d{0,5})\.xml$/.exec((await params).file);
  const urls = m ? await getSitemapFile(Number(m[1])) : null;
  if (!urls) return notFoundText('没有这个站点地图文件');
  return new Response(urlsetXml(urls), { headers: XML_HEADERS });
}
