// Site-wide settings, defined once: name, base URL, time zone, page sizes, content location.
// Every value can be overridden by an environment variable so one build serves any checkout.
import path from 'node:path';

export const SITE_NAME = process.env.SITE_NAME ?? '财经快讯';
export const SITE_DESCRIPTION = '财经新闻与快讯全文存档：按来源、标签浏览，旧链接永久有效。';
export const SITE_URL = (process.env.SITE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
export const TIME_ZONE = process.env.SITE_TIME_ZONE ?? 'Asia/Shanghai';
export const PAGE_SIZE = Number(process.env.PAGE_SIZE ?? 20) || 20;
/** How many of the newest articles `next build` pre-renders; the rest render on first request. */
export const PRERENDER_POSTS = Number(process.env.PRERENDER_POSTS ?? 50);

/** Hosts the old Jekyll site was served from: links to them become links to this site. */
export const OLD_HOSTS = ['finews.withounder.com', 'finews.zning.me', 'finews.zning.xyz'];

export function contentDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CONTENT_DIR ?? 'content');
}
