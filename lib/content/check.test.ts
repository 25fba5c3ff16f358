import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { checkContent } from '@/lib/content/check';

const fixtures = path.resolve('lib/content/fixtures/bad');
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-cache-'));
const opts = { timeZone: 'Asia/Shanghai', now: Date.parse('2026-11-28T00:00:00Z'), cacheFile: path.join(cacheDir, 'index.sqlite') };
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

describe('checkContent over the awkward fixtures', () => {
  const report = checkContent(fixtures, opts);
  const lines = report.problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`);
  const find = (file: string, severity: string) =>
    report.problems.filter((p) => p.file === `_posts/${file}` && p.severity === severity);

  it('reports every unreadable file as an error with its line', () => {
    expect(find('2024-03-01-quote-in-title.md', 'error')[0]?.line).toBe(3);
    expect(find('2024-03-01-no-front-matter.md', 'error')).toHaveLength(1);
    expect(find('2024-03-01-unclosed-front-matter.md', 'error')).toHaveLength(1);
    expect(find('2024-03-01-yaml-bomb.md', 'error')).toHaveLength(1);
    expect(find('-202403011234567890.md', 'error')[0]?.message).toMatch(/YYYY-MM-DD/);
  });

  it('reports the permalink clash once, naming the post that is served', () => {
    const clash = find('2024-03-01-dup-b.md', 'error');
    expect(clash).toHaveLength(1);
    expect(clash[0]?.message).toContain('_posts/2024-03-01-dup-a.md');
    expect(find('2024-03-01-dup-a.md', 'error')).toHaveLength(0);
  });

  it('warns about bad dates and invalid UTF-8, notes drafts and future posts', () => {
    expect(find('2024-03-01-blank-date.md', 'warning')).toHaveLength(1);
    expect(find('2024-03-01-malformed-date.md', 'warning')).toHaveLength(1);
    expect(find('2024-03-01-invalid-utf8.md', 'warning')).toHaveLength(1);
    expect(find('2024-03-01-published-false.md', 'note')).toHaveLength(1);
    expect(find('2099-01-01-future-post.md', 'note')[0]?.message).toMatch(/future/);
  });

  it('lists errors first and counts them', () => {
    const order = report.problems.map((p) => p.severity);
    expect(order).toEqual([...order].sort((a, b) => ['error', 'warning', 'note'].indexOf(a) - ['error', 'warning', 'note'].indexOf(b)));
    expect(report.counts.errors).toBe(lines.filter((l) => l.includes(': error: ')).length);
    expect(report.counts.errors).toBeGreaterThanOrEqual(6);
  });
});

describe('npm run check-content', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-content-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const run = (dir: string, ...args: string[]) => {
    try {
      return { code: 0, out: execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/check-content.ts', dir, '--cache', path.join(tmp, 'cache.sqlite'), ...args], { encoding: 'utf8' }) };
    } catch (error) {
      const e = error as { status: number; stdout: string };
      return { code: e.status, out: e.stdout };
    }
  };

  it('exits 1 and prints path:line: messages when a file has an error', () => {
    const { code, out } = run(fixtures);
    expect(code).toBe(1);
    expect(out).toMatch(/lib\/content\/fixtures\/bad\/_posts\/2024-03-01-quote-in-title\.md:3: error: /);
    expect(out.trim().split('\n').at(-1)).toMatch(/^checked \d+ files \(\d+ posts\) in \d+ ms: \d+ error\(s\), \d+ warning\(s\), \d+ note\(s\)$/);
  });

  it('exits 0 on clean content, and --json is machine-readable', () => {
    fs.mkdirSync(path.join(tmp, '_posts'));
    fs.writeFileSync(path.join(tmp, '_posts', '2024-01-01-ok.md'), '---\ntitle: "好"\ndate: 2024-01-01 10:00:00 +0800\ncategories: a\n---\n正文\n');
    expect(run(tmp).code).toBe(0);
    const { code, out } = run(tmp, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ files: 1, posts: 1, counts: { errors: 0 } });
  });
});
