import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

import { securityHeaders } from './lib/security-headers.mjs';

const require = createRequire(import.meta.url);

/**
 * One build ID for every instance of a deployment: BUILD_ID, else the content of HEAD (the
 * commit being built), else Next's own random one. Shared ISR entries are keyed by it.
 */
function buildId() {
  if (process.env.BUILD_ID) return process.env.BUILD_ID;
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      encoding: 'utf8',
      stdio: 'pipe',
    }).trim();
  } catch {
    return null;
  }
}

const BUILD_ID = buildId();
const HTTPS = (process.env.SITE_URL ?? '').startsWith('https://');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build side by side (the end-to-end archive server, benchmarks) sets its own folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Deployments behind a load balancer build a self-contained server (DESIGN §6) with
  // `npm run build:standalone` and run `node .next/standalone/server.js`.
  output: process.env.NEXT_STANDALONE === '1' ? 'standalone' : undefined,
  poweredByHeader: false,
  generateBuildId: () => BUILD_ID,
  deploymentId: BUILD_ID ?? undefined,
  // The ISR cache: Next's file-system cache, shared through Redis when REDIS_URL is set.
  cacheHandler: require.resolve('./lib/cache-handler.mjs'),
  // Next's in-memory page cache, in bytes (pages are on disk too): README, Memory. With
  // REDIS_URL the cache handler turns it off (0), as Next's self-hosting guide says.
  cacheMaxMemorySize: Number(process.env.PAGE_CACHE_BYTES || 16 * 1024 * 1024),
  // Native module, jsdom, the worker pool and Redis stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', 'isomorphic-dompurify', 'jsdom', 'piscina', 'redis'],
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders({ https: HTTPS }) }];
  },
  // URL shapes that never depend on content. Old article URLs (Jekyll's next-day URLs, former
  // time zones) are answered by the article page itself: patches/next+16.4.6.patch keeps Next
  // from sending their `Location` twice (vercel/next.js#82117) until a release fixes it.
  async redirects() {
    return [
      // The old site's category pages were `/category/:name.html`.
      { source: '/category/:name(.+)\\.html', destination: '/category/:name', permanent: true },
      { source: '/page/1', destination: '/', permanent: true },
      { source: '/category/:name/page/1', destination: '/category/:name', permanent: true },
      { source: '/tag/:tag/page/1', destination: '/tag/:tag', permanent: true },
      // Sitemap files were under /sitemaps/, but a sitemap may only list URLs below its own
      // folder: they now live at the root, beside the index (lib/sitemap-xml.ts).
      { source: '/sitemaps/:n(\\d{1,6})\\.xml', destination: '/sitemap-:n.xml', permanent: true },
    ];
  },
  async rewrites() {
    // A route's folder is a whole path segment: /sitemap-<n>.xml is answered by the route at
    // app/sitemaps/[file] (the redirect above applies to requests, not to this rewrite).
    return [{ source: '/sitemap-:n(\\d{1,6})\\.xml', destination: '/sitemaps/:n.xml' }];
  },
  experimental: {
    // Each build worker would scan the content folder again; one is enough on small machines.
    cpus: 1,
  },
};

export default nextConfig;
