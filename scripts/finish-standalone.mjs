#!/usr/bin/env node
// Completes `next build` with `output: 'standalone'` (npm run build:standalone). Next leaves
// out what it cannot see from the server's own code: public/ and the static assets (meant for
// a CDN: without them the server answers HTML with no styles, scripts or images), and the
// worker threads' bundle (.next-workers) with the packages it loads. Copies them in.
//   node scripts/finish-standalone.mjs [distDir]
import fs from 'node:fs';
import path from 'node:path';

import { nodeFileTrace } from '@vercel/nft';

const root = process.cwd();
const dist = path.resolve(process.argv[2] ?? process.env.NEXT_DIST_DIR ?? '.next');
const standalone = path.join(dist, 'standalone');
const server = path.join(standalone, 'server.js');
if (!fs.existsSync(server)) {
  console.error(
    `${server} is missing: build with NEXT_STANDALONE=1 (npm run build:standalone) first`,
  );
  process.exit(1);
}
const copy = (from, to) => {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
};
copy('public', path.join(standalone, 'public'));
copy(path.join(dist, 'static'), path.join(standalone, path.relative(root, dist), 'static'));

// The workers' bundle and every file it loads (jsdom and the rest), as Next traces its own.
const worker = path.join(root, '.next-workers', 'content-worker.cjs');
const { fileList } = await nodeFileTrace([worker], { base: root });
for (const file of fileList) {
  const to = path.join(standalone, file);
  if (fs.existsSync(to)) continue;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(path.join(root, file), to, { recursive: true, dereference: false });
}
console.log(
  `standalone server ready: node ${path.relative(root, server)} (${fileList.size} files for the worker threads)`,
);
