// The safety net behind the webhook: every SCAN_INTERVAL_MS the server looks for changed files
// (after `git pull` every CONTENT_PULL_INTERVAL_MS where CONTENT_GIT_PULL=1) and publishes them
// through its own publishing endpoint, so their pages are revalidated as a webhook would have
// (Next revalidates only inside a request). Started once per process by instrumentation.ts.
import 'server-only';

import v8 from 'node:v8';

import { findChanges } from '@/lib/content/scan';
import { startFill } from '@/lib/content/fill';
import { pullContent } from '@/lib/publish/git';
import { internalToken, type Published } from '@/lib/publish/requests';
import { processWide } from '@/lib/process-wide';
import { contentDir } from '@/lib/site';
import { getIndex, logNewProblems } from '@/lib/store';

const SCAN_INTERVAL_MS = Number(process.env.SCAN_INTERVAL_MS || 10_000);
const PULL_INTERVAL_MS = Number(process.env.CONTENT_PULL_INTERVAL_MS || 60_000);

type Background = {
  timer: NodeJS.Timeout | null;
  running: boolean;
  lastPull: number;
  /** Not before this instant (ms): the check's own cost sets its pace. */
  nextAt: number;
  /** The last failure logged, so a lasting one is logged once, and its end once. */
  failing: string | null;
};

const background = processWide<Background>('background', () => ({
  timer: null,
  running: false,
  lastPull: 0,
  nextAt: 0,
  failing: null,
}));

function report(failure: string | null) {
  if (failure === background.failing) return;
  if (failure) console.error(`[content] ${failure}`);
  else console.warn('[content] background check works again');
  background.failing = failure;
}

/** This server's own origin, as Next's start-up recorded it. */
function selfOrigin(): string {
  return process.env.__NEXT_PRIVATE_ORIGIN || `http://127.0.0.1:${process.env.PORT || 3000}`;
}

/**
 * Publishes files through this server's own endpoint, which can revalidate pages; `all`: the
 * whole folder (a change too large to name), every page revalidated; `pages`: every page only.
 */
export async function publishThroughSelf(
  files: Published,
  why = 'changed file(s) found in the background',
): Promise<void> {
  const response = await fetch(`${selfOrigin()}/api/revalidate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${internalToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify(
      files === 'all'
        ? { rescan: true }
        : files === 'pages'
          ? { revalidate: 'everything' }
          : { files },
    ),
    signal: AbortSignal.timeout(600_000),
  });
  if (!response.ok) throw new Error(`publishing endpoint answered ${response.status}`);
  const what = Array.isArray(files)
    ? files.length
    : files === 'all'
      ? 'the whole folder'
      : 'every page';
  console.warn(`[content] published ${what} ${why}`);
}

/** One round: pull when due, find changed files, publish them. */
async function tick(): Promise<void> {
  const index = await getIndex();
  if (
    process.env.CONTENT_GIT_PULL === '1' &&
    Date.now() - background.lastPull >= PULL_INTERVAL_MS
  ) {
    background.lastPull = Date.now();
    await pullContent(contentDir());
  }
  const started = performance.now();
  const changed = await findChanges(index);
  // A check of a large archive is not free (a million files are a few seconds of one thread):
  // the next one waits at least twenty times as long as this one took.
  background.nextAt = Date.now() + 20 * (performance.now() - started);
  if (changed === null) await publishThroughSelf('all', '(too many changes to name)');
  else if (changed.length > 0) await publishThroughSelf(changed);
  logNewProblems(index);
  // What a bulk scan or a large pull left for the background fill (one at a time).
  void startFill(index);
}

/** The JavaScript heap this process may grow to before collecting, in MB. */
const HEAP_ADVICE_MB = 1024;

function adviseHeap() {
  const limit = Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
  if (limit <= HEAP_ADVICE_MB) return;
  console.warn(
    `[memory] this server may let its heap grow to ${limit} MB before collecting it: start it with NODE_OPTIONS=--max-old-space-size=192 (README, Memory)`,
  );
}

/** Starts the periodic check (once per process; later calls do nothing). */
export function startBackground(): void {
  if (background.timer) return;
  adviseHeap();
  background.timer = setInterval(() => {
    if (background.running || Date.now() < background.nextAt) return;
    background.running = true;
    tick()
      .then(() => report(null))
      .catch((error: unknown) => report(`background check failed: ${(error as Error).message}`))
      .finally(() => {
        background.running = false;
      });
  }, SCAN_INTERVAL_MS);
  background.timer.unref();
}

export function stopBackground(): void {
  if (background.timer) clearInterval(background.timer);
  background.timer = null;
}
