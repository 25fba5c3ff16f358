import { AsyncLocalStorage } from 'node:async_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readSource } from '@/lib/content/source';
import { renderBody } from '@/lib/render';
import { CUT_NOTICE, FALLBACK_NOTICE, STAND_IN_BYTES } from '@/lib/render-fallback';

// A short budget keeps the test quick; the mechanism is the same at any budget. Set before the
// pool (and the fixture, which imports it) is loaded.
process.env.RENDER_BUDGET_MS = '1000';
process.env.RENDER_MAX_BYTES = '2000000';
const pool = await import('@/lib/workers/pool');
const { contentFixture } = await import('@/lib/testing/content-fixture');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** 40,000 sibling elements DOMPurify must unwrap one by one: minutes in jsdom. */
const HOSTILE = `<p>${'<font color="red">字</font>'.repeat(40_000)}</p>`;
const ORDINARY =
  '<p>正文第一段。</p><script>alert(1)</script><p style="display:none">藏</p>\n\n<http://news.example/1.html>';

const fx = contentFixture();
let count = 0;
/** A post file holding `body`, as a render task names it. */
function post(body: string) {
  const rel = fx.writeRaw(`_posts/2024-03-01-p${count++}.md`, `---\ntitle: 标题\n---\n${body}`);
  const { hash } = readSource(fx.abs(rel));
  return { contentDir: fx.contentDir, path: rel, hash, timeZone: 'Asia/Shanghai' };
}

afterAll(async () => {
  await pool.closeWorkers();
  fx.cleanup();
});

const textOf = (r: Awaited<ReturnType<typeof pool.renderInWorker>>) =>
  r.kind === 'done' ? r.rendering.body.text : null;

describe('renderInWorker', () => {
  beforeAll(() => pool.renderInWorker(post('<p>热身</p>')), 30_000);

  it('renders an ordinary body exactly as the renderer does', async () => {
    const outcome = await pool.renderInWorker(post(ORDINARY));
    expect(outcome).toEqual({
      kind: 'done',
      rendering: { body: renderBody(`${ORDINARY}`, 'markdown'), overLimit: null },
    });
  });

  it('stops a body over its time budget and shows its text, then renders the next body', async () => {
    const outcome = await pool.renderInWorker(post(`<p>开头一句。</p>${HOSTILE}`));
    expect(outcome).toMatchObject({
      kind: 'done',
      rendering: { overLimit: expect.stringContaining('RENDER_BUDGET_MS=1000') },
    });
    if (outcome.kind !== 'done') return;
    expect(outcome.rendering.body.html).toContain(FALLBACK_NOTICE);
    expect(outcome.rendering.body.html).toContain('<p>开头一句。');
    expect(outcome.rendering.body.html).not.toContain('<font');
    expect(textOf(await pool.renderInWorker(post(ORDINARY)))).toBe('正文第一段。');
  }, 60_000);

  it('keeps other bodies rendering while one is over budget', async () => {
    const hostile = pool.renderInWorker(post(HOSTILE));
    const others = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pool.renderInWorker(post(`<p>第${i}篇</p>`))),
    );
    expect(others.map(textOf)).toEqual(Array.from({ length: 6 }, (_, i) => `第${i}篇`));
    expect(await hostile).toMatchObject({
      rendering: { overLimit: expect.stringContaining('RENDER_BUDGET_MS') },
    });
  }, 60_000);

  it('keeps nothing of a request alive once its render is done', async () => {
    // What a request runs in (Next's render state, the response) must not outlive its render:
    // a budget timer left running would hold it for the whole budget.
    // The thread is up first: starting one (after the tests that stop threads) is not per request.
    const task = post('<p>一段。</p>');
    await pool.renderInWorker(task);
    const context = new AsyncLocalStorage<object>();
    let request: WeakRef<object> | undefined;
    await (async () => {
      const state = { page: '正文'.repeat(100_000) };
      request = new WeakRef(state);
      await context.run(state, () => pool.renderInWorker(task));
    })();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(request?.deref()).toBeUndefined();
  });

  it('shows a body over the size cap as the start of its text, never the whole', async () => {
    const outcome = await pool.renderInWorker(post(`<p>${'大段文字。'.repeat(500_000)}</p>`));
    expect(outcome).toMatchObject({
      kind: 'done',
      rendering: { overLimit: expect.stringContaining('RENDER_MAX_BYTES=2000000') },
    });
    if (outcome.kind !== 'done') return;
    const { html } = outcome.rendering.body;
    expect(html).toContain(CUT_NOTICE);
    expect(Buffer.byteLength(html)).toBeLessThan(STAND_IN_BYTES + 4096);
  }, 60_000);

  it('answers stale for a file that is not the version asked for', async () => {
    const task = post('<p>第一版</p>');
    fx.writeRaw(task.path, '---\ntitle: 标题\n---\n<p>第二版</p>');
    expect(await pool.renderInWorker(task)).toEqual({ kind: 'stale' });
  });
});

describe('errors from a thread', () => {
  it('arrive as Errors with their message and code (a SqliteError is not copied whole)', async () => {
    const notIndex = fx.writeRaw('not-an-index.sqlite', 'x'.repeat(4096));
    const failed = pool.findChangesInWorker({
      dbFile: fx.abs(notIndex),
      contentDir: fx.contentDir,
    });
    await expect(failed).rejects.toBeInstanceOf(Error);
    await expect(failed).rejects.toMatchObject({
      code: 'SQLITE_NOTADB',
      message: expect.stringContaining('not a database'),
    });
  });
});
