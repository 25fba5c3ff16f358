import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

process.env.RENDER_BUDGET_MS = '1000';
process.env.RENDER_MAX_BYTES = '2000000';
const { renderedBody } = await import('@/lib/render-cache');
const { closeWorkers } = await import('@/lib/workers/pool');
const { FALLBACK_NOTICE } = await import('@/lib/render-fallback');
const { readIndexedPost } = await import('@/lib/content/reads');
const { storedRendering } = await import('@/lib/content/bodies');
const { contentFixture } = await import('@/lib/testing/content-fixture');

type Fixture = ReturnType<typeof contentFixture>;
let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());
afterAll(() => closeWorkers());

const HOSTILE = `<p>第一段&lt;script&gt;不是脚本。</p>\n<p>${'<font>字</font>'.repeat(40_000)}</p>`;

async function indexed(body: string, format: 'html' | 'md' = 'html') {
  fixture = contentFixture();
  const rel = fixture.writeRaw(
    `_posts/2024-03-01-p.${format}`,
    `---\ntitle: 标题\ndate: 2024-03-01 09:00:00 +0800\n---\n${body}\n`,
  );
  const index = await fixture.scanned();
  const post = readIndexedPost(index, rel);
  if (!post) throw new Error('not indexed');
  return { index, post, rel };
}

describe('renderedBody', () => {
  it('shows a body over budget as its escaped text under a notice, stored, logged once as file:line', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { index, post, rel } = await indexed(HOSTILE);
    const first = await renderedBody(index, post);
    expect(first?.overLimit).toMatch(/RENDER_BUDGET_MS/);
    expect(
      first?.body.html.startsWith(`<p class="render-notice" role="note">${FALLBACK_NOTICE}</p>`),
    ).toBe(true);
    expect(first?.body.html).toContain('<p>第一段&lt;script&gt;不是脚本。</p>');
    expect(first?.body.html).not.toContain('<font');
    expect(first?.body.text.startsWith('第一段<script>不是脚本。')).toBe(true);

    const again = await renderedBody(index, post);
    expect(again).toBe(first);
    // Every later reader (another process too) reads it from the index (stored just after).
    await expect
      .poll(() => storedRendering(index, post.id, post.bodyHash)?.overLimit)
      .toMatch(/RENDER_BUDGET_MS/);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\[render\\] ${rel.replace('.', '\\.')}:5: shown as plain text: .*RENDER_BUDGET_MS`,
        ),
      ),
    ]);
    warn.mockRestore();
  }, 60_000);

  it('renders one version once however many ask at the same time, and stores it', async () => {
    const { index, post } = await indexed('<p>同时请求</p>');
    expect(storedRendering(index, post.id, post.bodyHash)).toBeNull();
    const all = await Promise.all(Array.from({ length: 5 }, () => renderedBody(index, post)));
    expect(new Set(all).size).toBe(1);
    expect(all[0]).toMatchObject({ overLimit: null, body: { text: '同时请求' } });
    await expect
      .poll(() => storedRendering(index, post.id, post.bodyHash)?.body.html)
      .toBe(all[0]?.body.html);
  }, 30_000);

  it('never renders a file that changed since it was indexed as if it were that version', async () => {
    const { index, post } = await indexed('<p>第一版</p>');
    fixture?.writeRaw(
      post.path,
      '---\ntitle: 标题\ndate: 2024-03-01 09:00:00 +0800\n---\n<p>第二版</p>\n',
    );
    expect(await renderedBody(index, post)).toBeNull();
  }, 30_000);
});
