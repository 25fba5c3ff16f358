/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build side by side (the end-to-end archive server, benchmarks) sets its own folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Deployments behind a load balancer build a self-contained server (DESIGN §6) with
  // NEXT_STANDALONE=1 and run `node .next/standalone/server.js`; `next start` serves the rest.
  output: process.env.NEXT_STANDALONE === '1' ? 'standalone' : undefined,
  poweredByHeader: false,
  // Next's in-memory page cache, in bytes (pages are on disk too): README, Memory.
  cacheMaxMemorySize: Number(process.env.PAGE_CACHE_BYTES || 16 * 1024 * 1024),
  // Native module, jsdom and the worker pool stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', 'isomorphic-dompurify', 'jsdom', 'piscina'],
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
    ];
  },
  experimental: {
    // Each build worker would scan the content folder again; one is enough on small machines.
    cpus: 1,
  },
};

export default nextConfig;
