// The connection to Redis when REDIS_URL is set (several instances on one shared cache):
// commands never queue while it is down and never wait on it longer than REDIS_TIMEOUT_MS;
// the client reconnects by itself, and each change of state is logged once. Shared on
// globalThis, so the ISR cache handler (lib/cache-handler.mjs) uses the same connection.
import 'server-only';

import { createClient, type RedisClientType } from 'redis';

import { processWide } from '@/lib/process-wide';

export type RedisState = 'connected' | 'down' | 'off';
type Client = RedisClientType;

/** Longest a request may wait on Redis: past it, Redis counts as down for this call. */
export const REDIS_TIMEOUT_MS = Number(process.env.REDIS_TIMEOUT_MS || 100);
/** Longest a publish waits to announce its files. */
const PUBLISH_TIMEOUT_MS = 2_000;
/** Key prefix, so several sites (or a staging copy) can share one Redis. */
export const REDIS_PREFIX = process.env.REDIS_PREFIX || 'finews';

/** After a call found Redis slow, it is left alone this long: requests do not queue on it. */
const BREAKER_MS = 3_000;

type Connection = {
  client: Client | null;
  subscriber: Client | null;
  state: RedisState;
  /** Until when Redis is skipped after a timeout (ms since the epoch). */
  openUntil: number;
  /** Whether it was ever connected: the first connection is not "again". */
  everConnected: boolean;
  /** Marks Redis too slow: skipped for BREAKER_MS (the ISR cache handler calls it too). */
  trip: (detail: string) => void;
};

const connection = processWide<Connection>('redis', () => ({
  client: null,
  subscriber: null,
  state: 'off',
  openUntil: 0,
  everConnected: false,
  trip: (detail) => {
    connection.openUntil = Date.now() + BREAKER_MS;
    setState('down', detail);
  },
}));

function setState(state: RedisState, detail = '') {
  if (state === connection.state) return;
  const was = connection.state;
  connection.state = state;
  if (state === 'connected') {
    const again = connection.everConnected && was === 'down';
    connection.everConnected = true;
    console.warn(`[redis] connected to ${process.env.REDIS_URL}${again ? ' again' : ''}`);
  } else if (state === 'down') {
    console.error(
      `[redis] down${detail ? ` (${detail})` : ''}: serving from this instance's own cache`,
    );
  }
}

function connect(url: string, role: string): Client {
  const client: Client = createClient({
    url,
    disableOfflineQueue: true,
    commandsQueueMaxLength: 1_000,
    pingInterval: 5_000,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
  // Without a listener an error event would end the process.
  client.on('error', (error: Error & { code?: string }) => {
    if (role === 'commands') setState('down', error.code ?? error.message);
  });
  if (role === 'commands') client.on('ready', () => setState('connected'));
  client.connect().catch(() => undefined);
  return client;
}

/** Opens the connections (once per process) when REDIS_URL is set; the state otherwise 'off'. */
export function startRedis(): void {
  const url = process.env.REDIS_URL;
  if (!url || connection.client) return;
  connection.state = 'down';
  connection.client = connect(url, 'commands');
  connection.subscriber = connect(url, 'subscriber');
}

export function redisState(): RedisState {
  return connection.state;
}

/** The command connection when it is usable now, else null (never waits for it). */
export function redisClient(): Client | null {
  if (Date.now() < connection.openUntil) return null;
  return connection.client?.isReady ? connection.client : null;
}

export function redisSubscriber(): Client | null {
  return connection.subscriber;
}

/**
 * `work` on Redis, or null when Redis is off, down, or slower than REDIS_TIMEOUT_MS. Publishing
 * (`publisher`) is no reader: it tries even while readers skip Redis for a few seconds after a
 * slow answer (a busy moment is not an outage), waits up to PUBLISH_TIMEOUT_MS, and a slow
 * answer to it makes no reader skip Redis.
 */
export async function onRedis<T>(
  work: (client: Client) => Promise<T>,
  publisher = false,
): Promise<T | null> {
  const client = publisher
    ? connection.client?.isReady
      ? connection.client
      : null
    : redisClient();
  if (!client) return null;
  const timeoutMs = publisher ? PUBLISH_TIMEOUT_MS : REDIS_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await Promise.race([
      work(client).then((value) => ({ value })),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
      }),
    ]);
    if (!answer) {
      if (!publisher) connection.trip(`no answer within ${REDIS_TIMEOUT_MS} ms`);
      return null;
    }
    setState('connected');
    return answer.value;
  } catch (error) {
    setState('down', (error as Error).message);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Closes the connections (shutdown). */
export async function stopRedis(): Promise<void> {
  const { client, subscriber } = connection;
  connection.client = null;
  connection.subscriber = null;
  await Promise.allSettled([client?.close(), subscriber?.close()]);
}
