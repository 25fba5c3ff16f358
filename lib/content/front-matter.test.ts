import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { readFrontMatter } from '@/lib/content/front-matter';
import { hasShared, SHARED } from '@/lib/testing/shared';

function both(text: string) {
  const fast = readFrontMatter(text);
  const yaml = readFrontMatter(text, false);
  const view = (r: typeof fast) =>
    'fields' in r ? { body: r.body, bodyLine: r.bodyLine, fields: [...r.fields] } : r;
  return { fast: view(fast), yaml: view(yaml) };
}

const FIXTURES = path.join('lib/content/fixtures/bad/_posts');

describe('readFrontMatter: one-line fields read without a YAML document', () => {
  it('reads them exactly as the YAML parser does', () => {
    for (const text of [
      '---\ntitle: 工信部：明年要扩大新能源汽车消费\ndate: 2021-12-20 19:02:33 +0800\ncategories: a b\n---\nbody',
      '---\ntitle: "引号 \'单\' 里"\nslug: \'x "y"\'\ntags:\npublished: ~\nempty: null\n---\n',
      '---\ntitle: a#b c\nurl: http://x.y/z?a=1\nn: 0012\n\nz: 中文  \n---\nb',
      '---\ntitle: a: b\n---\n',
      '---\ntitle: "a \\" b"\n---\n',
      '---\ntitle: a # comment\n---\n',
      '---\ntags: [a, b]\n---\n',
      '---\ntitle: -x\n---\n',
      '---\n  title: x\n---\n',
      "---\ntitle: 'it''s'\n---\n",
      '---\ntitle:x\n---\n',
      '---\nk: &a x\nj: *a\n---\n',
      '---\ntitle: >-\n  folded\n---\n',
      '---\ntitle: a\ntitle: b\n---\n',
    ]) {
      const { fast, yaml } = both(text);
      expect(fast, text).toEqual(yaml);
    }
  });

  it('agrees with the YAML parser on every fixture and, when present, every real post', () => {
    const dirs = [
      FIXTURES,
      ...(hasShared
        ? [path.join(SHARED, 'corpus/real/_posts'), path.join(SHARED, 'corpus/bad/_posts')]
        : []),
    ];
    let files = 0;
    for (const dir of dirs) {
      for (const name of fs.readdirSync(dir)) {
        const text = fs.readFileSync(path.join(dir, name), 'utf8');
        const { fast, yaml } = both(text);
        expect(fast, name).toEqual(yaml);
        files++;
      }
    }
    expect(files).toBeGreaterThan(20);
  });
});
