// Publishing across instances (several instances on one Redis, DESIGN §6). The instance a push
// reaches re-indexes the files, then announces them, then revalidates its pages:
//   1. `git pull` (CONTENT_GIT_PULL=1) and re-index the named files;
//   2. announce: INCR the content version, log {version, files}, PUBLISH the version;
//   3. revalidate the pages those files touch (in the shared cache, so on every instance).
// Every other instance learns of the version (the message, or polling the version key every
// REDIS_POLL_MS: a missed message costs seconds), pulls and re-indexes the logged files, then
// revalidates its own pages. And before any page is rendered, an instance whose index is behind
// the announced version catches up first: a page is never rendered from a stale index and
// written into the shared cache as fresh. Without Redis (off or down) none of this runs: each
// instance publishes what reaches it, and the background check catches the others up.
import 'server-only';

import type { ContentIndex } from '@/lib/content/db';
import { findChanges, scanContent } from '@/lib/content/scan';
import { pullContent } from '@/lib/publish/git';
import { processWide } from '@/lib/process-wide';
import { onRedis, REDIS_PREFIX, redisState, redisSubscriber } from '@/lib/redis';
import { contentDir } from '@/lib/site';

const VERSION = `${REDIS_PREFIX}:content:version`;
/**
 * Which life of Redis the version counts in: a Redis restarted empty starts counting from 1
 * again, and an instance that remembered version 40 would take 1 for old news forever. A new
 * epoch (made by whoever finds none) tells every instance to count again from 0.
 */
const EPOCH = `${REDIS_PREFIX}:content:epoch`;
const LOG = `${REDIS_PREFIX}:content:log`;
const CHANNEL = `${REDIS_PREFIX}:content`;
const LOG_LENGTH = 1_000;
const POLL_MS = Number(process.env.REDIS_POLL_MS || 2_000);

/** The epoch (made when there is none) and the version, read together. */
const READ = `
redis.call('SET', KEYS[2], ARGV[1], 'NX')
return {redis.call('GET', KEYS[2]), tonumber(redis.call('GET', KEYS[1]) or '0')}`;

/** INCR the version, log the files under it, publish it: atomically, in Redis. */
const ANNOUNCE = `
redis.call('SET', KEYS[3], ARGV[3], 'NX')
local v = redis.call('INCR', KEYS[1])
redis.call('LPUSH', KEYS[2], cjson.encode({v = v, files = cjson.decode(ARGV[1])}))
redis.call('LTRIM', KEYS[2], 0, ${LOG_LENGTH - 1})
redis.call('PUBLISH', ARGV[2], v)
return {redis.call('GET', KEYS[3]), v}`;

const newEpoch = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

type State = {
  /** The announced version this instance's index has caught up with (null: not known yet). */
  applied: number | null;
  /** The epoch `applied` counts in. */
  epoch: string | null;
  /** Redis could not be read before the index's first scan: its first version is not known to be in it. */
  unsure: boolean;
  /** Files indexed by a catch-up whose pages this instance has not revalidated yet. */
  unrevalidated: Set<string>;
  syncing: Promise<void> | null;
  reading: Promise<number | null> | null;
  timer: NodeJS.Timeout | null;
};

const state = processWide<State>('fanout', () => ({
  applied: null,
  epoch: null,
  unsure: false,
  unrevalidated: new Set(),
  syncing: null,
  reading: null,
  timer: null,
}));

/**
 * Takes a version read with its epoch into account: an instance new to Redis (or just started)
 * takes it as current; a new epoch (Redis lost everything) makes the instance count from 0.
 */
function settleEpoch(epoch: string, version: number): void {
  if (state.epoch === epoch) return;
  // New to Redis: what was announced before its first scan is in that scan (noted then), unless
  // it could not be read then: then catch up with everything the log holds.
  state.applied = state.epoch === null && !state.unsure ? version : 0;
  if (state.epoch !== null) {
    console.warn('[fanout] Redis started over (new content epoch): catching up from its log');
  }
  state.epoch = epoch;
}

/** The announced version, one read at a time however many ask; null without Redis. */
function announcedVersion(): Promise<number | null> {
  // A missing key is version 0: nothing announced yet, every index is current.
  state.reading ??= onRedis((c) =>
    c.eval(READ, { keys: [VERSION, EPOCH], arguments: [newEpoch()] }),
  )
    .then((reply) => {
      if (!Array.isArray(reply)) return null;
      const [epoch, version] = reply as [string, number];
      settleEpoch(epoch, Number(version));
      return Number(version);
    })
    .finally(() => {
      state.reading = null;
    });
  return state.reading;
}

/**
 * Called before the index's first scan of the folder: what is announced by then is in that scan,
 * anything announced later is caught up with. Waits a moment for Redis to connect.
 */
export async function noteVersionBeforeScan(): Promise<void> {
  if (!process.env.REDIS_URL || state.epoch !== null) return;
  for (let waited = 0; redisState() !== 'connected' && waited < 2_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if ((await announcedVersion()) === null) state.unsure = true;
}

/** The version this instance has applied, for the health answer; null without Redis. */
export function appliedVersion(): number | null {
  return state.applied;
}

/** Step 2 on the instance a push reached: after it re-indexed `files`, before it revalidates. */
export async function announce(files: string[]): Promise<void> {
  if (files.length === 0 || redisState() === 'off') return;
  const reply = await onRedis(
    (c) =>
      c.eval(ANNOUNCE, {
        keys: [VERSION, LOG, EPOCH],
        arguments: [JSON.stringify(files), CHANNEL, newEpoch()],
      }),
    true,
  );
  if (!Array.isArray(reply)) {
    console.error(
      `[fanout] could not announce ${files.length} file(s): the other instances catch up by their background check`,
    );
    return;
  }
  const [epoch, version] = reply as [string, number];
  if (state.epoch !== null && state.epoch !== epoch) {
    // Redis started over: the first announcement of its new life is this one (nothing to catch
    // up), or others came first (count from 0 and catch up).
    settleEpoch(epoch, Number(version));
    if (Number(version) === 1) state.applied = 1;
  }
  // Its own announcement needs no catching up, unless another came in between.
  else if (state.applied !== null && Number(version) === state.applied + 1)
    state.applied = Number(version);
}

/** The files logged for versions after `from` up to `to`, or null when the log no longer has them all. */
async function loggedFiles(from: number, to: number): Promise<string[] | null> {
  const entries = await onRedis((c) => c.lRange(LOG, 0, LOG_LENGTH - 1));
  if (!entries) return null;
  const files = new Set<string>();
  const seen = new Set<number>();
  for (const entry of entries) {
    const { v, files: named } = JSON.parse(entry) as { v: number; files: string[] };
    if (v > from && v <= to) {
      seen.add(v);
      named.forEach((f) => files.add(f));
    }
  }
  return seen.size === to - from ? [...files] : null;
}

/** Step 1 on another instance: pull and re-index what versions up to `target` changed. */
function catchUp(index: ContentIndex, target: number): Promise<void> {
  state.syncing ??= (async () => {
    const from = state.applied ?? target;
    if (target <= from) return;
    if (process.env.CONTENT_GIT_PULL === '1') await pullContent(contentDir());
    const files = (await loggedFiles(from, target)) ?? (await findChanges(index));
    // Too many changes to name: the whole folder, and every page revalidated after.
    await scanContent(index, files ?? undefined);
    if (files) files.forEach((f) => state.unrevalidated.add(f));
    else state.unrevalidated.add('*');
    state.applied = target;
  })().finally(() => {
    state.syncing = null;
  });
  return state.syncing;
}

/**
 * Before a render: when the index is behind the announced version, catch up first (a
 * render waits on Redis at most REDIS_TIMEOUT_MS; without Redis it does not wait at all).
 */
export async function ensureCurrent(index: ContentIndex): Promise<void> {
  if (redisState() !== 'connected') return;
  const target = await announcedVersion();
  if (target === null) return;
  if (state.applied === null) state.applied = target;
  else if (target > state.applied) await catchUp(index, target);
}

/** Step 3 on another instance: catch up, then revalidate the pages of what changed. */
async function follow(index: ContentIndex, revalidate: (files: string[]) => Promise<void>) {
  const target = await announcedVersion();
  if (target === null) return;
  if (state.applied === null) state.applied = target;
  if (target > state.applied) await catchUp(index, target);
  const files = [...state.unrevalidated];
  if (files.length === 0) return;
  state.unrevalidated.clear();
  await revalidate(files).catch((error: unknown) => {
    files.forEach((f) => state.unrevalidated.add(f));
    throw error;
  });
}

/**
 * Follows announcements (the channel, and the version key every REDIS_POLL_MS) once per
 * process; `revalidate` publishes files through this instance's own endpoint.
 */
export function startFanout(
  index: () => Promise<ContentIndex>,
  revalidate: (files: string[]) => Promise<void>,
): void {
  if (state.timer || !process.env.REDIS_URL) return;
  const run = () =>
    index()
      .then((i) => follow(i, revalidate))
      .catch((error: unknown) =>
        console.error('[fanout] catching up failed:', (error as Error).message),
      );
  void redisSubscriber()
    ?.subscribe(CHANNEL, () => void run())
    .catch(() => undefined);
  state.timer = setInterval(run, POLL_MS);
  state.timer.unref();
}

export function stopFanout(): void {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}
