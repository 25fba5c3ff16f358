import { afterAll, describe, expect, it, vi } from 'vitest';

process.env.RENDER_BUDGET_MS = '1000';
const { renderedBody } = await import('@/lib/render-cache');
const { closeWorkers } = await import('@/lib/workers/pool');
const { FALLBACK_NOTICE } = await import('@/lib/render-fallback');

afterAll(() => closeWorkers());

const HOSTILE = `<p>第一段&lt;script&gt;不是脚本。</p>\n<p>${'<font>字</font>'.repeat(40_000)}</p>`;

describe('renderedBody', () => {
  it('shows a body over budget as its escaped text under a notice, logged once as file:line', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const post = {
      path: '_posts/2024-03-01-hostile.md',
      body: HOSTILE,
      format: 'html' as const,
      bodyLine: 8,
    };
    const first = await renderedBody(post);
    expect(first.overLimit).toMatch(/RENDER_BUDGET_MS/);
    expect(
      first.body.html.startsWith(`<p class="render-notice" role="note">${FALLBACK_NOTICE}</p>`),
    ).toBe(true);
    expect(first.body.html).toContain('<p>第一段&lt;script&gt;不是脚本。</p>');
    expect(first.body.html).not.toContain('<font');
    expect(first.body.text.startsWith('第一段<script>不是脚本。')).toBe(true);

    const again = await renderedBody(post);
    expect(again).toBe(first);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(
        /^\[render\] _posts\/2024-03-01-hostile\.md:8: shown as plain text: .*RENDER_BUDGET_MS/,
      ),
    ]);
    warn.mockRestore();
  }, 60_000);

  it('renders one version once however many ask at the same time', async () => {
    const post = {
      path: '_posts/a.md',
      body: '<p>同时请求</p>',
      format: 'html' as const,
      bodyLine: 6,
    };
    const all = await Promise.all(Array.from({ length: 5 }, () => renderedBody(post)));
    expect(new Set(all).size).toBe(1);
    expect(all[0]).toMatchObject({ overLimit: null, body: { text: '同时请求' } });
  }, 30_000);
});
