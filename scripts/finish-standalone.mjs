#!/usr/bin/env node
// Completes `next build` with `output: 'standalone'` (npm run build:standalone): Next leaves
// public/ and the static assets out of the standalone folder (they are meant for a CDN), so the
// server would answer HTML without styles, scripts or images. Copies them in.
//   node scripts/finish-standalone.mjs [distDir]
import fs from 'node:fs';
import path from 'node:path';

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
copy(
  path.join(dist, 'static'),
  path.join(standalone, path.relative(process.cwd(), dist), 'static'),
);
console.log(`standalone server ready: node ${path.relative(process.cwd(), server)}`);
