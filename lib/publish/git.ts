// `git pull --ff-only` in the content checkout, one at a time per process (a webhook and the
// background safety net may want it at once; git would refuse the second with a lock error).
import 'server-only';

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PULL_TIMEOUT_MS = 60_000;
const queue = Symbol.for('finews.gitPullQueue');
type Holder = { [queue]?: Promise<unknown> };

export class PullError extends Error {}

/** Pulls the content checkout; its output, or a PullError with git's own message. */
export function pullContent(dir: string): Promise<string> {
  const holder = globalThis as Holder;
  const pull = async () => {
    try {
      const out = await run('git', ['pull', '--ff-only'], { cwd: dir, timeout: PULL_TIMEOUT_MS });
      return out.stdout.trim();
    } catch (error) {
      const e = error as Error & { stderr?: string };
      const reason = (e.stderr?.trim() || e.message).split('\n').slice(0, 6).join(' ');
      throw new PullError(`git pull --ff-only in ${dir} failed: ${reason}`);
    }
  };
  const next = (holder[queue] ?? Promise.resolve()).then(pull, pull);
  holder[queue] = next.catch(() => undefined);
  return next;
}
