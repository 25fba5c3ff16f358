import type { MetadataRoute } from 'next';

import { SITE_URL } from '@/lib/site';

// Everything not disallowed is allowed. No `Allow: /`: Next writes Allow lines before Disallow
// lines, and parsers that take the first matching line (Python's) would then allow everything,
// where RFC 9309's longest match disallows search.
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', disallow: ['/search', '/api/'] },
    sitemap: `${SITE_URL}/sitemap.xml`,
  };
}
