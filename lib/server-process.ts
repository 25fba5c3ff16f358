// What a server process runs besides answering requests, started by instrumentation.ts: the
// load-shedding gate in front of every request (lib/shed.ts), the index (opened at once), Redis
// and the fan-out of publishing, the background safety net; and on SIGTERM, an exit within
// SHUTDOWN_MS. Next itself stops taking connections and exits once
// the requests in flight are done; this stops our timers and bounds how long that may take.
import 'server-only';

import { publishThroughSelf, startBackground, stopBackground } from '@/lib/background';
import { stopFill } from '@/lib/content/fill';
import { startFanout, stopFanout } from '@/lib/fanout';
import { startRedis } from '@/lib/redis';
import { installGate } from '@/lib/shed';
import { getIndex, openedInBulk } from '@/lib/store';

/** A stopping instance exits within this, whatever is still running. */
const SHUTDOWN_MS = 9_000;

let started = false;

export function startServerProcess(): void {
  if (started) return;
  started = true;
  installGate();
  startRedis();
  void getIndex()
    .then(() => {
      // Pages the build (or an earlier index) rendered may predate what a bulk scan found.
      if (openedInBulk()) {
        return publishThroughSelf('pages', 'after indexing the whole folder in bulk');
      }
    })
    .catch((error: unknown) => console.error('[content] opening the index failed:', error));
  startFanout(getIndex, (files) =>
    publishThroughSelf(
      files.includes('*') ? 'all' : files,
      'file(s) announced by another instance',
    ),
  );
  startBackground();
  process.once('SIGTERM', () => {
    console.warn('[server] SIGTERM: finishing the requests in flight, then exiting');
    stopBackground();
    stopFill();
    stopFanout();
    setTimeout(() => process.exit(143), SHUTDOWN_MS).unref();
  });
}
