import crypto from 'node:crypto';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { handleWebhook, type WebhookDeps } from '@/lib/publish/webhook';
import { contentFixture, type ContentFixture } from '@/lib/testing/content-fixture';

const SECRET = 'hook-secret';
const TOKEN = 'hook-token';
let fx: ContentFixture;
afterEach(() => fx?.cleanup());

/** The endpoint over a fixture folder, recording what it revalidates and announces, in order. */
function endpoint(overrides: Partial<WebhookDeps['settings']> = {}) {
  fx = contentFixture();
  const events: string[] = [];
  const index = fx.open();
  const deps: WebhookDeps = {
    settings: {
      secret: SECRET,
      token: TOKEN,
      internalToken: 'internal',
      branch: 'main',
      gitPull: false,
      contentDir: fx.contentDir,
      pageSize: 10,
      ...overrides,
    },
    index: async () => index,
    revalidate: (path) => events.push(`revalidate ${path}`),
    announce: async (files) => {
      events.push(`announce ${files.join(',')}`);
    },
  };
  return { deps, events, index };
}

function push(files: string[], delivery: string, secret = SECRET) {
  const body = JSON.stringify({ ref: 'refs/heads/main', commits: [{ added: files }] });
  const signature = `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
  return new Request('http://site.test/api/revalidate', {
    method: 'POST',
    body,
    headers: {
      'x-github-event': 'push',
      'x-github-delivery': delivery,
      'x-hub-signature-256': signature,
    },
  });
}

describe('handleWebhook', () => {
  it('answers a caller without credentials from the headers alone, reading no body', async () => {
    const { deps } = endpoint();
    const request = new Request('http://site.test/api/revalidate', {
      method: 'POST',
      body: JSON.stringify({ files: ['_posts/2024-03-01-x.md'] }),
      headers: { authorization: 'Bearer wrong' },
    });
    const read = vi.spyOn(request, 'arrayBuffer');
    const response = await handleWebhook(request, deps);
    expect(response.status).toBe(401);
    expect(request.bodyUsed).toBe(false);
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses a signed delivery unread when no webhook secret is configured', async () => {
    const { deps, events } = endpoint({ secret: '' });
    const request = push(['_posts/2024-03-01-x.md'], 'd-nosecret', '');
    const response = await handleWebhook(request, deps);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: expect.stringContaining('GITHUB_WEBHOOK_SECRET'),
    });
    expect(request.bodyUsed).toBe(false);
    expect(events).toEqual([]);
  });

  it('re-indexes, then announces, then revalidates: no instance renders from a stale index', async () => {
    const { deps, events, index } = endpoint();
    const rel = fx.write('_posts/2024-03-01-new.md', { title: '新稿', categories: 'kuaixun' });
    const response = await handleWebhook(push([rel], 'd-1'), deps);
    expect(response.status).toBe(200);
    expect(events[0]).toBe(`announce ${rel}`);
    expect(events.slice(1)).toContain('revalidate /kuaixun/2024/03/01/new.html');
    expect(index.db.prepare('SELECT COUNT(*) FROM posts').pluck().get()).toBe(1);
  });

  it('counts a delivery as handled only once its work succeeded', async () => {
    const { deps } = endpoint({ gitPull: true });
    const rel = fx.write('_posts/2024-03-01-new.md', { title: '新稿' });
    // The content folder is no git checkout: the pull fails, nothing is published.
    const failed = await handleWebhook(push([rel], 'd-2'), deps);
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: string }).error).toMatch(/git pull --ff-only/);
    deps.settings.gitPull = false;
    const redelivered = await handleWebhook(push([rel], 'd-2'), deps);
    expect(await redelivered.json()).toMatchObject({ files: [rel], indexed: { added: 1 } });
    expect(await (await handleWebhook(push([rel], 'd-2'), deps)).json()).toEqual({
      duplicate: 'd-2',
    });
  });

  it('does not announce what the server publishes for itself (the others found it too)', async () => {
    const { deps, events } = endpoint();
    const rel = fx.write('_posts/2024-03-01-new.md', { title: '新稿' });
    const request = new Request('http://site.test/api/revalidate', {
      method: 'POST',
      body: JSON.stringify({ files: [rel] }),
      headers: { authorization: 'Bearer internal' },
    });
    expect((await handleWebhook(request, deps)).status).toBe(200);
    expect(events.some((e) => e.startsWith('announce'))).toBe(false);
    expect(events.length).toBeGreaterThan(0);
  });
});
