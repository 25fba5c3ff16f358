// Scans a content folder into its SQLite index once, the way the server does, and prints what
// changed and how long the scan took, as one line of JSON. Used by `npm run bench` to time cold
// and incremental indexing outside Next; also handy to pre-build an index before `next build`.
//   npx tsx --conditions=react-server scripts/reindex.ts [contentDir] [--index FILE] [--files A,B]
// `--conditions=react-server` turns the `server-only` import of the index module into a no-op.
// Defaults follow the app: CONTENT_DIR (else `content`), INDEX_FILE (else the one under
// NEXT_DIST_DIR or `.next`), SITE_TIME_ZONE. Exit code 1 on failure, 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { openIndex } from '@/lib/content/db';
import { listProblems } from '@/lib/content/reads';
import { scanContent } from '@/lib/content/scan';
import { completeFill } from '@/lib/content/fill';
import { closeWorkers } from '@/lib/workers/pool';
import { contentDir as defaultContentDir, FORMER_TIME_ZONES, TIME_ZONE } from '@/lib/site';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        index: { type: 'string' },
        files: { type: 'string' },
        search: { type: 'boolean', default: false },
        render: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(
      `${(error as Error).message}\nusage: reindex.ts [contentDir] [--index FILE] [--files _posts/a.md,_posts/b.md] [--search] [--render]`,
    );
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals.length > 1) {
    console.error(
      'usage: reindex.ts [contentDir] [--index FILE] [--files _posts/a.md,_posts/b.md] [--search] [--render]',
    );
    return 2;
  }
  const dir = positionals[0] ? path.resolve(positionals[0]) : defaultContentDir();
  // Same default as lib/store.ts, so a plain run pre-warms the index the app will open.
  const file = path.resolve(
    values.index ??
      process.env.INDEX_FILE ??
      path.join(process.env.NEXT_DIST_DIR || '.next', 'cache', 'content-index.sqlite'),
  );

  const index = openIndex(dir, file, TIME_ZONE, FORMER_TIME_ZONES);
  try {
    // --files: only the named files, as a publish webhook does; otherwise every changed file.
    const report = await scanContent(index, values.files ? values.files.split(',') : undefined);
    const errors = listProblems(index).filter((p) => p.severity === 'error').length;
    // --search: also make every text and search entry, as a server does in the background, and
    // time it; --render: every render too.
    const searchStarted = performance.now();
    if (values.search || values.render) await completeFill(index, 'texts');
    const searchMs = values.search ? Math.round(performance.now() - searchStarted) : null;
    const renderStarted = performance.now();
    if (values.render) await completeFill(index, 'all');
    const renderMs = values.render ? Math.round(performance.now() - renderStarted) : null;
    // `touched` can hold 100,000 paths: callers want the counts, not the list.
    console.log(
      JSON.stringify({
        contentDir: dir,
        index: file,
        scanned: report.scanned,
        added: report.added,
        changed: report.changed,
        removed: report.removed,
        errors,
        ms: Math.round(report.ms * 10) / 10,
        searchMs,
        renderMs,
        phases: report.phases,
        bytes: fs.statSync(file).size,
      }),
    );
  } finally {
    index.db.close();
    await closeWorkers();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `reindex failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
