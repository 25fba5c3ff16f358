// Vitest's global setup: the worker threads' bundle (scripts/build-workers.mjs) exists before
// any test renders or scans through lib/workers/pool.ts.
import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync(process.execPath, ['scripts/build-workers.mjs', '--quiet'], { stdio: 'inherit' });
}
