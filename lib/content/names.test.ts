import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { categoryNames, parseCategoryNames } from '@/lib/content/names';

describe('parseCategoryNames', () => {
  it('maps lower-cased slugs to names', () => {
    const parsed = parseCategoryNames('# 分类名称\ngongxinweibao: 工信微报\nWind: 万得\n');
    expect(parsed.names).toEqual({ gongxinweibao: '工信微报', wind: '万得' });
    expect(parsed.problems).toEqual([]);
  });

  it('reports broken YAML at its line and names nothing', () => {
    const parsed = parseCategoryNames('a: 甲\nb: "未闭合\nc: 丙\n');
    expect(parsed.names).toEqual({});
    expect(parsed.problems[0]).toMatchObject({
      file: '_data/categories.yml',
      severity: 'error',
    });
    expect(parsed.problems[0]?.line).toBeGreaterThanOrEqual(2);
    expect(parsed.problems[0]?.message).toMatch(/fix the YAML.*slugs/);
  });

  it('warns about an entry without a usable name and keeps the others', () => {
    const parsed = parseCategoryNames('a: 甲\nb:\nc: [x]\n');
    expect(parsed.names).toEqual({ a: '甲' });
    expect(parsed.problems.map((p) => [p.line, p.severity])).toEqual([
      [2, 'warning'],
      [3, 'warning'],
    ]);
  });

  it('refuses a file that is not a mapping', () => {
    expect(parseCategoryNames('- a\n- b\n').problems[0]?.message).toMatch(/mapping/);
    expect(parseCategoryNames('').names).toEqual({});
  });
});

describe('categoryNames', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'names-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, '_data', 'categories.yml');

  it('reads the file again only when it changed, looking at most once a second', () => {
    expect(categoryNames(dir, 1_000).names).toEqual({});
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, 'emnews: 东方财富\n');
    // Within the second: the answer it had.
    expect(categoryNames(dir, 1_500).names).toEqual({});
    expect(categoryNames(dir, 2_100).names).toEqual({ emnews: '东方财富' });
    fs.writeFileSync(file, 'emnews: 东方财富网\n');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(categoryNames(dir, 3_200).names).toEqual({ emnews: '东方财富网' });
  });

  it('falls back to slugs on a broken file and logs where to fix it', () => {
    const logged: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => logged.push(line);
    try {
      fs.writeFileSync(file, 'emnews: [东方财富\n');
      fs.utimesSync(file, new Date(), new Date(Date.now() + 10_000));
      expect(categoryNames(dir, 10_000).names).toEqual({});
    } finally {
      console.warn = warn;
    }
    expect(logged.join('\n')).toMatch(/_data\/categories\.yml:\d+: error: .*fix the YAML/);
  });
});
