#!/usr/bin/env node
// Bundles the worker threads' code (lib/workers/content-worker.ts and what it imports from the
// project) into .next-workers/content-worker.cjs for piscina; npm packages stay outside, loaded
// from node_modules. Runs before every build, dev server, test run and check (npm "pre"
// scripts, vitest's global setup). Fast, and written atomically: parallel builds may call it.
//   node scripts/build-workers.mjs [--quiet]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WORKERS_DIR = path.join(ROOT, '.next-workers');
const out = path.join(WORKERS_DIR, 'content-worker.cjs');
const tmp = `${out}.${process.pid}.tmp`;

fs.mkdirSync(WORKERS_DIR, { recursive: true });
const started = Date.now();
await esbuild.build({
  entryPoints: [path.join(ROOT, 'lib/workers/content-worker.ts')],
  outfile: tmp,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  // The project's own `@/…` imports are bundled; `server-only` guards client bundles, not this.
  alias: { '@': ROOT, 'server-only': path.join(ROOT, 'lib/testing/server-only.ts') },
  tsconfig: path.join(ROOT, 'tsconfig.json'),
  logLevel: 'warning',
});
fs.renameSync(tmp, out);
if (!process.argv.includes('--quiet')) {
  console.log(`built ${path.relative(process.cwd(), out)} in ${Date.now() - started} ms`);
}
