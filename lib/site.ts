// Site-wide settings, defined once: name, base URL, time zone, page sizes, content location.
// Every value can be overridden by an environment variable so one build serves any checkout.
import path from 'node:path';

export const SITE_NAME = process.env.SITE_NAME ?? '财经快讯';
export const SITE_DESCRIPTION = '财经新闻与快讯全文存档：按来源、标签浏览，旧链接永久有效。';
export const SITE_URL = (process.env.SITE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
/**
 * Jekyll's `timezone`: the zone of dates written without one, of every date shown, and of the
 * date in every article URL. Changing it moves URLs; see FORMER_TIME_ZONES.
 */
export const TIME_ZONE = process.env.SITE_TIME_ZONE || 'Asia/Shanghai';
/**
 * Zones the site's URLs were made in before (comma-separated): a post's URL under each of them
 * answers 308 to its URL now. The index also remembers every zone it was built in.
 */
export const FORMER_TIME_ZONES = (process.env.SITE_FORMER_TIME_ZONES ?? 'Asia/Shanghai')
  .split(',')
  .map((zone) => zone.trim())
  .filter(Boolean);
export const PAGE_SIZE = Number(process.env.PAGE_SIZE ?? 20) || 20;
/** How often an open list page asks whether there is news (seconds). */
export const LIVE_POLL_SECONDS = Number(process.env.LIVE_POLL_SECONDS ?? 20) || 20;
/** How many of the newest articles `next build` pre-renders; the rest render on first request. */
export const PRERENDER_POSTS = Number(process.env.PRERENDER_POSTS ?? 50);

/** Hosts the old Jekyll site was served from: links to them become links to this site. */
export const OLD_HOSTS = ['finews.withounder.com', 'finews.zning.me', 'finews.zning.xyz'];

/**
 * The folder relative paths in the environment are read against: where the server was started.
 * The standalone server (`node .next/standalone/server.js`) changes into its own folder before
 * any of this code runs; the shell's PWD still names the folder it was started from.
 */
export function startDir(): string {
  const standalone = Boolean(process.env.__NEXT_PRIVATE_STANDALONE_CONFIG);
  const pwd = process.env.PWD;
  return standalone && pwd && path.isAbsolute(pwd) ? pwd : process.cwd();
}

/** CONTENT_DIR (default `content`), absolute. */
export function contentDir(): string {
  return path.resolve(startDir(), /*turbopackIgnore: true*/ process.env.CONTENT_DIR || 'content');
}
