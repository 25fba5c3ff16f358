// The editors' checker: reads every post like the site does and prints each problem as
// `path:line: severity: message`, then a summary. Exits 1 when any file has an error.
//   npm run check-content -- [dir] [--json] [--cache FILE]
// The first run on a folder reads every file; later runs re-read only files that changed
// (their fingerprints are kept in a cache file, by default in the user's cache folder).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { checkContent } from '@/lib/content/check';
import { TIME_ZONE } from '@/lib/site';

const args = process.argv.slice(2);
const json = args.includes('--json');
const cacheAt = args.indexOf('--cache');
const cacheArg = cacheAt >= 0 ? args[cacheAt + 1] : undefined;
const dir = path.resolve(
  args.find((a, i) => !a.startsWith('--') && i !== cacheAt + 1) ?? process.env.CONTENT_DIR ?? 'content',
);
const cacheFile = path.resolve(
  cacheArg ??
    path.join(
      process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
      'finews-check-content',
      `${crypto.createHash('sha1').update(dir).digest('hex').slice(0, 16)}.sqlite`,
    ),
);

if (!fs.existsSync(path.join(dir, '_posts'))) {
  console.error(`${dir}: no _posts folder here. Pass the content folder, e.g. npm run check-content -- content`);
  process.exit(2);
}

const started = performance.now();
const report = checkContent(dir, { timeZone: TIME_ZONE, now: Date.now(), cacheFile });
const ms = Math.round(performance.now() - started);
const shown = (file: string) => path.relative(process.cwd(), path.join(dir, file)) || file;

if (json) {
  console.log(JSON.stringify({ ...report, problems: report.problems.map((p) => ({ ...p, file: shown(p.file) })), ms }, null, 2));
} else {
  for (const p of report.problems) console.log(`${shown(p.file)}:${p.line}: ${p.severity}: ${p.message}`);
  const { errors, warnings, notes } = report.counts;
  console.log(
    `checked ${report.files} files (${report.posts} posts) in ${ms} ms: ${errors} error(s), ${warnings} warning(s), ${notes} note(s)`,
  );
}
process.exit(report.counts.errors > 0 ? 1 : 0);
