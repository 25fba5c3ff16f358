// The editors' checker: reads every post like the site does and prints each problem as
// `path:line: severity: message`, then a summary. Exits 1 when any file has an error, 2 on bad usage.
//   npm run check-content -- [dir] [--json] [--cache FILE]
// The first run on a folder reads every file; later runs re-read only files that changed
// (their fingerprints are kept in a cache file, by default in the user's cache folder).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { checkContent } from '@/lib/check';
import { TIME_ZONE } from '@/lib/site';

const USAGE = 'usage: npm run check-content -- [content-folder] [--json] [--cache FILE]';

function options() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        cache: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (positionals.length > 1)
      throw new Error(`expected one content folder, got ${positionals.length}`);
    return { ...values, dir: positionals[0] };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

function defaultCache(dir: string): string {
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  const id = crypto.createHash('sha1').update(dir).digest('hex').slice(0, 16);
  return path.join(base, 'finews-check-content', `${id}.sqlite`);
}

async function main(): Promise<number> {
  const opts = options();
  const dir = path.resolve(opts.dir ?? process.env.CONTENT_DIR ?? 'content');
  if (!fs.existsSync(path.join(dir, '_posts'))) {
    console.error(
      `${dir}: no _posts folder here. Pass the content folder, e.g. npm run check-content -- content`,
    );
    return 2;
  }
  const cacheFile = path.resolve(opts.cache ?? defaultCache(dir));
  const started = performance.now();
  const report = await checkContent(dir, { timeZone: TIME_ZONE, now: Date.now(), cacheFile });
  const ms = Math.round(performance.now() - started);
  const shown = (file: string) => path.relative(process.cwd(), path.join(dir, file)) || file;
  const problems = report.problems.map((p) => ({ ...p, file: shown(p.file) }));

  if (opts.json) {
    console.log(JSON.stringify({ ...report, contentDir: dir, problems, ms }, null, 2));
  } else {
    for (const p of problems) console.log(`${p.file}:${p.line}: ${p.severity}: ${p.message}`);
    const { errors, warnings, notes } = report.counts;
    console.log(
      `checked ${report.files} files (${report.posts} posts) in ${dir} in ${ms} ms: ${errors} error(s), ${warnings} warning(s), ${notes} note(s)`,
    );
  }
  return report.counts.errors > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `check-content failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
