import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkContent, type CheckReport } from '@/lib/check';

const fixtures = path.resolve('lib/content/fixtures/bad');
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-cache-'));
const opts = {
  timeZone: 'Asia/Shanghai',
  now: Date.parse('2026-11-28T00:00:00Z'),
  cacheFile: path.join(cacheDir, 'index.sqlite'),
};
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

describe('checkContent over the awkward fixtures', () => {
  let report: CheckReport;
  let lines: string[];
  beforeAll(async () => {
    report = await checkContent(fixtures, opts);
    lines = report.problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`);
  });
  const find = (file: string, severity: string) =>
    report.problems.filter((p) => p.file === `_posts/${file}` && p.severity === severity);

  it('reports every unreadable file as an error with its line', () => {
    expect(find('2024-03-01-quote-in-title.md', 'error')[0]?.line).toBe(3);
    expect(find('2024-03-01-no-front-matter.md', 'error')).toHaveLength(1);
    expect(find('2024-03-01-unclosed-front-matter.md', 'error')).toHaveLength(1);
    expect(find('2024-03-01-yaml-bomb.md', 'error')).toHaveLength(1);
  });

  it('warns about a file Jekyll ignores (no date in its name) without failing the check', () => {
    expect(find('-202403011234567890.md', 'error')).toHaveLength(0);
    expect(find('-202403011234567890.md', 'warning')[0]?.message).toMatch(/YYYY-MM-DD/);
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

  it('warns, with its line, about a script markdown had to close at the end of its paragraph', () => {
    const warnings = find('2024-03-01-fallback-text.md', 'warning');
    expect(warnings.map((w) => w.line)).toEqual([14, 16]);
    expect(warnings[0]?.message).toMatch(/^<script> is not closed in its paragraph.*alert\(1\)/);
  });

  it('lists errors first and counts them', () => {
    const order = report.problems.map((p) => p.severity);
    expect(order).toEqual(
      [...order].sort(
        (a, b) => ['error', 'warning', 'note'].indexOf(a) - ['error', 'warning', 'note'].indexOf(b),
      ),
    );
    expect(report.counts.errors).toBe(lines.filter((l) => l.includes(': error: ')).length);
    expect(report.counts.errors).toBeGreaterThanOrEqual(5);
  });
});

describe('npm run check-content', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-content-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** The command as an editor runs it; its default cache lives in a throw-away XDG cache folder. */
  const run = (...args: string[]) => {
    const env = {
      ...process.env,
      XDG_CACHE_HOME: path.join(tmp, 'xdg'),
      CONTENT_DIR: '',
      RENDER_BUDGET_MS: '1000',
      RENDER_MAX_BYTES: '2000000',
    };
    const argv = ['tsx', '--conditions=react-server', 'scripts/check-content.ts', ...args];
    try {
      return { code: 0, out: execFileSync('npx', argv, { encoding: 'utf8', env, stdio: 'pipe' }) };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { code: e.status, out: e.stdout + e.stderr };
    }
  };

  /** A content folder of its own: one good post, and one whose YAML breaks on line 3. */
  function folder(name: string) {
    const dir = path.join(tmp, name);
    fs.mkdirSync(path.join(dir, '_posts'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, '_posts', '2024-01-01-ok.md'),
      '---\ntitle: "好"\ndate: 2024-01-01 10:00:00 +0800\ncategories: a\n---\n正文\n',
    );
    fs.writeFileSync(
      path.join(dir, '_posts', '2024-01-02-bad.md'),
      '---\nlayout: post\ntitle: "他说"涨"了"\ndate: 2024-01-02 10:00:00 +0800\n---\n正文\n',
    );
    return dir;
  }
  const badLine = (dir: string) =>
    `${path.relative(process.cwd(), dir)}/_posts/2024-01-02-bad.md:3: error: `;
  const summary =
    /^checked (\d+) files \((\d+) posts\) in (.+) in \d+ ms: (\d+) error\(s\), \d+ warning\(s\), \d+ note\(s\)$/;

  it('checks the folder it is given, without --cache: exit 1 and the bad file with its line', () => {
    const dir = folder('plain');
    const { code, out } = run(dir);
    expect(code).toBe(1);
    expect(out).toContain(badLine(dir));
    const [, files, posts, checked, errors] =
      summary.exec(out.trim().split('\n').at(-1) ?? '') ?? [];
    expect({ files, posts, checked, errors }).toEqual({
      files: '2',
      posts: '1',
      checked: dir,
      errors: '1',
    });
  });

  it('does the same with --cache, and a second run reads the cache', () => {
    const dir = folder('cached');
    const cache = path.join(tmp, 'cache.sqlite');
    expect(run(dir, '--cache', cache).out).toContain(badLine(dir));
    expect(fs.existsSync(cache)).toBe(true);
    const again = run('--cache', cache, dir);
    expect(again.code).toBe(1);
    expect(again.out).toContain(badLine(dir));
  });

  it('--json names the folder, the file and the line, and still exits 1', () => {
    const dir = folder('json');
    const { code, out } = run(dir, '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as { contentDir: string; problems: unknown[]; counts: object };
    expect(report.contentDir).toBe(dir);
    expect(report.counts).toMatchObject({ errors: 1 });
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        line: 3,
        severity: 'error',
        file: `${path.relative(process.cwd(), dir)}/_posts/2024-01-02-bad.md`,
      }),
    );
  });

  it('reports a body the site cannot render within its limits, at the line the body starts', () => {
    const dir = folder('hostile');
    fs.rmSync(path.join(dir, '_posts', '2024-01-02-bad.md'));
    fs.writeFileSync(
      path.join(dir, '_posts', '2024-01-03-hostile.md'),
      `---\ntitle: "排版复杂"\ndate: 2024-01-03 10:00:00 +0800\n---\n<p>${'<font>字</font>'.repeat(40_000)}</p>\n`,
    );
    const { code, out } = run(dir);
    expect(code).toBe(1);
    expect(out).toMatch(
      /_posts\/2024-01-03-hostile\.md:5: error: the body cannot be rendered within the site's limits \(rendering took over RENDER_BUDGET_MS=1000 ms\)/,
    );
    // Reported again by a run that reads nothing new.
    expect(run(dir).out).toContain('2024-01-03-hostile.md:5: error:');
  }, 60_000);

  it('exits 0 on clean content', () => {
    const dir = folder('clean');
    fs.rmSync(path.join(dir, '_posts', '2024-01-02-bad.md'));
    expect(run(dir).code).toBe(0);
    expect(run(dir, '--json').code).toBe(0);
  });

  it('refuses two folders or an unknown flag with its usage, and a folder without _posts', () => {
    expect(run(folder('a'), folder('b'))).toMatchObject({
      code: 2,
      out: expect.stringContaining('usage:'),
    });
    expect(run('--frobnicate')).toMatchObject({ code: 2, out: expect.stringContaining('usage:') });
    expect(run(tmp)).toMatchObject({ code: 2, out: expect.stringContaining('no _posts folder') });
  });
});

describe('checkContent and the category names file', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-names-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function check(names: string) {
    const dir = fs.mkdtempSync(path.join(tmp, 'c-'));
    fs.mkdirSync(path.join(dir, '_posts'));
    fs.mkdirSync(path.join(dir, '_data'));
    for (const [slug, category] of [
      ['one', 'emnews'],
      ['two', 'Wind'],
    ]) {
      fs.writeFileSync(
        path.join(dir, '_posts', `2024-01-01-${slug}.md`),
        `---\ntitle: "${slug}"\ndate: 2024-01-01 10:00:00 +0800\ncategories: ${category}\n---\n正文\n`,
      );
    }
    fs.writeFileSync(path.join(dir, '_data', 'categories.yml'), names);
    return checkContent(dir, { ...opts, cacheFile: path.join(dir, 'index.sqlite') });
  }

  it('warns about each category without a name, saying what line to add', async () => {
    const report = await check('emnews: 东方财富\n');
    const names = report.problems.filter((p) => p.file === '_data/categories.yml');
    expect(names).toHaveLength(1);
    expect(names[0]).toMatchObject({ severity: 'warning', line: 2 });
    expect(names[0]?.message).toMatch(/"Wind".*add `wind: 名称` to _data\/categories\.yml/);
    expect(report.counts.errors).toBe(0);
  });

  it('reports a broken names file as an error at its line', async () => {
    const report = await check('emnews: 东方财富\nwind: [未闭合\n');
    const names = report.problems.filter((p) => p.file === '_data/categories.yml');
    expect(names).toEqual([
      expect.objectContaining({ severity: 'error', line: expect.any(Number) as number }),
    ]);
    expect(names[0]?.line).toBeGreaterThanOrEqual(2);
    expect(names[0]?.message).toMatch(/fix the YAML/);
    expect(report.counts.errors).toBe(1);
  });
});
