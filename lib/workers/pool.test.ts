import { AsyncLocalStorage } from 'node:async_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parsePost } from '@/lib/content/parse';
import { renderBody } from '@/lib/render';

// A short budget keeps the test quick; the mechanism is the same at any budget.
process.env.RENDER_BUDGET_MS = '1000';
process.env.RENDER_MAX_BYTES = '2000000';
const pool = await import('@/lib/workers/pool');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** 40,000 sibling elements DOMPurify must unwrap one by one: minutes in jsdom. */
const HOSTILE = `<p>${'<font color="red">字</font>'.repeat(40_000)}</p>`;
const ORDINARY =
  '<p>正文第一段。</p><script>alert(1)</script><p style="display:none">藏</p>\n\n<http://news.example/1.html>';

afterAll(() => pool.closeWorkers());

describe('renderInWorker', () => {
  beforeAll(() => pool.renderInWorker({ body: '<p>热身</p>', format: 'html' }), 30_000);

  it('renders an ordinary body exactly as the renderer does', async () => {
    const outcome = await pool.renderInWorker({ body: ORDINARY, format: 'markdown' });
    expect(outcome).toEqual({ ok: true, rendered: renderBody(ORDINARY, 'markdown') });
  });

  it('shows a body over its time budget as its text, names the limit, then renders the next body', async () => {
    const { renderedBody } = await import('@/lib/render-cache');
    const { FALLBACK_NOTICE } = await import('@/lib/render-fallback');
    const shown = await renderedBody({
      path: '_posts/2024-03-01-hostile.md',
      body: HOSTILE,
      format: 'html',
      bodyLine: 7,
    });
    expect(shown.overLimit).toContain('RENDER_BUDGET_MS=1000');
    // Stopped, and the reader gets the body's words, not its markup.
    expect(shown.body.text).toBe('字'.repeat(40_000));
    expect(shown.body.html).toContain(FALLBACK_NOTICE);
    expect(shown.body.html).not.toContain('<font');
    expect(await pool.renderInWorker({ body: ORDINARY, format: 'markdown' })).toMatchObject({
      ok: true,
    });
  }, 60_000);

  it('keeps other bodies rendering while one is over budget', async () => {
    const hostile = pool.renderInWorker({ body: HOSTILE, format: 'html' });
    const others = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pool.renderInWorker({ body: `<p>第${i}篇</p>`, format: 'html' }),
      ),
    );
    expect(others.map((o) => (o.ok ? o.rendered.text : o.limit))).toEqual(
      Array.from({ length: 6 }, (_, i) => `第${i}篇`),
    );
    expect((await hostile).ok).toBe(false);
  }, 60_000);

  it('keeps nothing of a request alive once its render is done', async () => {
    // What a request runs in (Next's render state, the response) must not outlive its render:
    // a budget timer left running would hold it for the whole budget.
    // The thread is up first: starting one (after the tests that stop threads) is not per request.
    await pool.renderInWorker({ body: '<p>热身</p>', format: 'html' });
    const context = new AsyncLocalStorage<object>();
    let request: WeakRef<object> | undefined;
    await (async () => {
      const state = { page: '正文'.repeat(100_000) };
      request = new WeakRef(state);
      await context.run(state, () =>
        pool.renderInWorker({ body: '<p>一段。</p>', format: 'html' }),
      );
    })();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(request?.deref()).toBeUndefined();
  });

  it('refuses a body over the size cap without rendering it', async () => {
    const outcome = await pool.renderInWorker({
      body: `<p>${'大'.repeat(700_000)}</p>`,
      format: 'html',
    });
    expect(outcome).toEqual({
      ok: false,
      limit: expect.stringContaining('RENDER_MAX_BYTES=2000000'),
    });
  });
});

describe('parseInWorkers', () => {
  it('parses files in threads, as parsePost does, without the bodies', async () => {
    const { contentFixture } = await import('@/lib/testing/content-fixture');
    const fx = contentFixture();
    try {
      const files = Array.from({ length: 5 }, (_, i) =>
        fx.write(`_posts/2024-03-0${i + 1}-p${i}.md`, { title: `第${i}篇` }),
      );
      files.push(fx.writeRaw('_posts/2024-03-09-bad.md', '---\ntitle: "坏"稿"\n---\n'));
      const parsed = await pool.parseInWorkers(
        { contentDir: fx.contentDir, files, timeZone: 'Asia/Shanghai', aliasZones: [] },
        2,
      );
      const fs = await import('node:fs');
      const expected = files.map((rel) => {
        const result = parsePost(rel, fs.readFileSync(fx.abs(rel)), { timeZone: 'Asia/Shanghai' });
        if (!result.ok) return result;
        const { body, ...post } = result.post;
        return { ok: true, post };
      });
      expect(parsed).toEqual(expected);
      expect(parsed.at(-1)).toMatchObject({ ok: false, error: { line: 2 } });
    } finally {
      fx.cleanup();
    }
  });
});
