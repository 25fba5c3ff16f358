#!/usr/bin/env node
// `npm run lighthouse`: Lighthouse 12.2.3 (the last release for Node 20) on mobile, against the
// production server: home, the newest article and the first category page, each audited
// `--runs` times (one machine is noisy: the median run by performance is kept). Writes each run's
// HTML and JSON report and a summary to `--out`, and prints the four scores per page.
//
//   npm run lighthouse [-- --url http://127.0.0.1:3000] [--runs 3] [--out lighthouse]
//
// Without --url it serves the current build (`npm run build` first) on a free port and stops it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

import { waitReady } from './bench-lib/http.mjs';
import { killAllSync, start, stop } from './bench-lib/proc.mjs';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run lighthouse -- [--url BASE] [--runs N] [--out DIR]';

let args;
try {
  args = parseArgs({
    options: {
      url: { type: 'string' },
      runs: { type: 'string', default: '3' },
      out: { type: 'string', default: 'lighthouse' },
    },
  }).values;
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs is a positive integer\n${USAGE}`);
  process.exit(2);
}
const out = path.resolve(args.out);
fs.mkdirSync(out, { recursive: true });
process.on('exit', killAllSync);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function serveBuild() {
  const distDir = process.env.NEXT_DIST_DIR ?? '.next';
  if (!fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
    console.error(`no build in ${distDir}: run \`npm run build\` first, or pass --url`);
    process.exit(2);
  }
  const port = await freePort();
  const server = start('server', 'npm', ['run', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1' },
    logFile: path.join(out, 'server.log'),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(base, '/categories', { timeoutMs: 120_000, exited: server.exited });
  return { base, server };
}

/** Home, its newest article and its first category, as the home page links them. */
async function pagesOf(base) {
  const html = await (await fetch(base)).text();
  const hrefs = [...html.matchAll(/href="(\/[^"#?]*)"/g)].map((m) => m[1]);
  const article = hrefs.find((h) => h.endsWith('.html'));
  const category = hrefs.find((h) => h.startsWith('/category/'));
  if (!article || !category) throw new Error(`${base}/ links no article or no category`);
  return { home: '/', article, category };
}

async function audit(url, name) {
  const output = path.join(out, name);
  await promisify(execFile)(
    'npx',
    [
      '-y',
      LIGHTHOUSE,
      url,
      `--chrome-path=${chromiumPath()}`,
      `--chrome-flags=--headless=new ${CHROMIUM_FLAGS.join(' ')}`,
      `--only-categories=${CATEGORIES.join(',')}`,
      '--output=json',
      '--output=html',
      `--output-path=${output}`,
      '--quiet',
    ],
    { maxBuffer: 64 * 2 ** 20, timeout: 300_000 },
  );
  const report = JSON.parse(fs.readFileSync(`${output}.report.json`, 'utf8'));
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round((report.categories[c]?.score ?? 0) * 100)]),
  );
  const metric = (id) => report.audits[id]?.numericValue ?? null;
  return {
    scores,
    lcpMs: metric('largest-contentful-paint'),
    tbtMs: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    report: `${output}.report.html`,
  };
}

const served = args.url ? null : await serveBuild();
const base = args.url ?? served.base;
try {
  const summary = {};
  for (const [page, href] of Object.entries(await pagesOf(base))) {
    const all = [];
    for (let run = 1; run <= runs; run++) {
      all.push(await audit(base + href, `${page}-${run}`));
      console.error(`[lighthouse] ${page} run ${run}: ${JSON.stringify(all.at(-1).scores)}`);
    }
    const byPerformance = [...all].sort((a, b) => a.scores.performance - b.scores.performance);
    summary[page] = {
      href,
      median: byPerformance[Math.floor((all.length - 1) / 2)],
      performance: all.map((r) => r.scores.performance),
    };
  }
  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2));
  console.log(`Lighthouse ${LIGHTHOUSE.split('@')[1]}, mobile, median of ${runs} by performance:`);
  console.log('page      perf  a11y  best-practices  seo   (perf of every run)');
  for (const [page, { median, performance }] of Object.entries(summary)) {
    const s = median.scores;
    console.log(
      `${page.padEnd(9)} ${String(s.performance).padEnd(5)} ${String(s.accessibility).padEnd(5)} ${String(s['best-practices']).padEnd(15)} ${String(s.seo).padEnd(5)} (${performance.join(', ')})`,
    );
  }
  console.log(`reports: ${path.relative(process.cwd(), out)}/`);
} finally {
  if (served) await stop(served.server);
}
