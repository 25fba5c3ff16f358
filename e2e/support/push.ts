// Publishing as an editor does, for the specs of the `publish` project: a post file written into
// the running server's content folder, and a push announced the way GitHub does.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { APIRequestContext } from '@playwright/test';

import { e2eEnv } from '../../playwright.config';

export const postsDir = path.resolve(e2eEnv.CONTENT_DIR, '_posts', 'published-by-test');
const secret = e2eEnv.GITHUB_WEBHOOK_SECRET;

/** Beijing wall-clock `YYYY-MM-DD HH:MM:SS` of an instant. */
export function beijing(ms: number) {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export const when = Date.now() - 60_000;
export const day = beijing(when).slice(0, 10);
export const [y, m, d] = day.split('-');

export function writePost(
  slug: string,
  fields: { title: string; categories: string; tags: string; body?: string },
  at = when,
) {
  fs.mkdirSync(postsDir, { recursive: true });
  const file = path.join(postsDir, `${day}-${slug}.md`);
  fs.writeFileSync(
    file,
    `---\nlayout: post\ntitle: "${fields.title}"\ndate: ${beijing(at)} +0800\ncategories: ${fields.categories}\ntags: ${fields.tags}\n---\n${fields.body ?? `<p>${fields.title}：正文。</p>`}\n`,
  );
  // A distinct mtime, so the change is seen even within one clock tick.
  const t = new Date();
  fs.utimesSync(file, t, new Date(t.getTime() + Math.random() * 1000));
  return `content/_posts/published-by-test/${day}-${slug}.md`;
}

/** GitHub's `X-Hub-Signature-256` of a body. */
export function signature(body: string, key = secret): string {
  return `sha256=${crypto.createHmac('sha256', key).update(body).digest('hex')}`;
}

let deliveries = 0;
export async function push(
  request: APIRequestContext,
  changes: { added?: string[]; modified?: string[]; removed?: string[] },
  opts: { sign?: 'good' | 'wrong' | 'none'; delivery?: string } = {},
) {
  const body = JSON.stringify({
    ref: 'refs/heads/main',
    commits: [{ added: [], modified: [], removed: [], ...changes }],
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': 'push',
    'x-github-delivery': opts.delivery ?? `e2e-${Date.now()}-${deliveries++}`,
  };
  const sign = opts.sign ?? 'good';
  if (sign !== 'none') {
    headers['x-hub-signature-256'] = signature(body, sign === 'good' ? secret : 'not-the-secret');
  }
  return request.post('/api/revalidate', { data: body, headers });
}
