import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { contentRepo, git, post, type ContentRepo } from './support/git';
import { stopRecorded } from './support/processes';
import { startServer, type Server } from './support/server';

// Publishing from a real git origin, as README recommends: the site's checkout is CONTENT_DIR
// and CONTENT_GIT_PULL=1. Each test starts its own standalone server on that checkout.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const SECRET = 'git-e2e-secret';
let repo: ContentRepo;
let server: Server | null = null;

test.beforeEach(() => {
  repo = contentRepo();
});
test.afterEach(async () => {
  await server?.stop();
  server = null;
  // What a failed or timed-out start left running, before `server` was even assigned.
  await stopRecorded(process.pid);
  repo.cleanup();
});

function start(env: Record<string, string>) {
  return startServer({
    CONTENT_DIR: repo.site,
    CONTENT_GIT_PULL: '1',
    GITHUB_WEBHOOK_SECRET: SECRET,
    INDEX_FILE: path.join(repo.root, 'index.sqlite'),
    ...env,
  });
}

/** GitHub's push webhook for the files a commit added. */
function deliver(files: string[], delivery: string) {
  const body = JSON.stringify({ ref: 'refs/heads/main', commits: [{ added: files }] });
  const signature = `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`;
  return fetch(`${server?.url}/api/revalidate`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': delivery,
      'x-hub-signature-256': signature,
    },
  });
}

const status = async (url: string) => (await fetch(`${server?.url}${url}`)).status;

test('a commit pushed without any webhook is pulled and published by the safety net', async ({
  page,
}) => {
  server = await start({ SCAN_INTERVAL_MS: '1000', CONTENT_PULL_INTERVAL_MS: '2000' });
  expect(await status('/kuaixun/2026/11/01/first.html')).toBe(200);
  repo.publish('2026-11-02-unannounced.md', post('没有通知的稿件', '2026-11-02 09:00:00 +0800'));
  await expect
    .poll(() => status('/kuaixun/2026/11/02/unannounced.html'), { timeout: 30_000 })
    .toBe(200);
  // Its lists were revalidated too, not left to the next ISR round.
  await page.goto(`${server.url}/category/kuaixun`);
  await expect(page.locator('main ol > li h2').first()).toHaveText('没有通知的稿件');
});

test('a delivery that failed because the checkout could not fast-forward publishes when redelivered', async () => {
  // No background pull during the test: only the webhook publishes.
  server = await start({ SCAN_INTERVAL_MS: '600000', CONTENT_PULL_INTERVAL_MS: '600000' });
  // Someone committed on the server's checkout: it has diverged from the origin.
  fs.writeFileSync(path.join(repo.site, 'NOTES.md'), '本地改动\n');
  git(repo.site, 'add', 'NOTES.md');
  git(repo.site, 'commit', '-q', '-m', 'local change');
  const rel = repo.publish('2026-11-03-second.md', post('第二篇稿件', '2026-11-03 09:00:00 +0800'));
  const url = '/kuaixun/2026/11/03/second.html';

  const failed = await deliver([rel], 'd-second');
  expect(failed.status).toBe(502);
  expect(((await failed.json()) as { error: string }).error).toMatch(
    /git pull --ff-only .* failed/,
  );
  expect(await status(url)).toBe(404);

  // The checkout is fixed; GitHub's "Redeliver" sends the same delivery again.
  git(repo.site, 'fetch', '-q', 'origin');
  git(repo.site, 'reset', '-q', '--hard', 'origin/main');
  const redelivered = await deliver([rel], 'd-second');
  expect(redelivered.status).toBe(200);
  expect(await redelivered.json()).toMatchObject({ files: [rel], indexed: { added: 1 } });
  expect(await status(url)).toBe(200);
  // Once it succeeded, the same delivery is acknowledged and ignored.
  expect(await (await deliver([rel], 'd-second')).json()).toEqual({ duplicate: 'd-second' });
});

test('URLs made in the former time zone answer 308 after SITE_TIME_ZONE changes', async ({
  request,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zone-content-'));
  fs.mkdirSync(path.join(dir, '_posts'));
  fs.writeFileSync(
    path.join(dir, '_posts', '2026-11-22-late.md'),
    post('凌晨发布的稿件', '2026-11-22 00:15:00 +0800'),
  );
  try {
    // 00:15 Beijing is 16:15 UTC the day before: the URL moves to the 21st.
    server = await startServer({
      CONTENT_DIR: dir,
      SITE_TIME_ZONE: 'UTC',
      INDEX_FILE: path.join(dir, 'index.sqlite'),
    });
    const moved = '/kuaixun/2026/11/21/late.html';
    expect(await status(moved)).toBe(200);
    const old = await request.get(`${server.url}/kuaixun/2026/11/22/late.html`, {
      maxRedirects: 0,
    });
    expect(old.status()).toBe(308);
    const locations = old.headersArray().filter((h) => h.name.toLowerCase() === 'location');
    expect(locations).toHaveLength(1);
    expect(new URL(locations[0]?.value ?? '', server.url).pathname).toBe(moved);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
