import crypto from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  contentPath,
  filesFromCall,
  filesFromPush,
  MAX_LIST_PAGES,
  pagesToRevalidate,
  verifyBearer,
  verifyGithubSignature,
} from '@/lib/publish';

const sign = (secret: string, body: string) =>
  `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

describe('verifyGithubSignature', () => {
  const body = '{"ref":"refs/heads/main"}';
  const bytes = new TextEncoder().encode(body);

  it('accepts the HMAC-SHA256 of the raw body with the secret', () => {
    expect(verifyGithubSignature('s3cret', bytes, sign('s3cret', body))).toBe(true);
  });
  it('rejects another secret, another body, a missing or malformed header, an empty secret', () => {
    expect(verifyGithubSignature('s3cret', bytes, sign('other', body))).toBe(false);
    expect(verifyGithubSignature('s3cret', new TextEncoder().encode(`${body} `), sign('s3cret', body))).toBe(false);
    expect(verifyGithubSignature('s3cret', bytes, null)).toBe(false);
    expect(verifyGithubSignature('s3cret', bytes, sign('s3cret', body).replace('sha256=', 'sha1='))).toBe(false);
    expect(verifyGithubSignature('s3cret', bytes, 'sha256=')).toBe(false);
    expect(verifyGithubSignature('', bytes, sign('', body))).toBe(false);
  });
});

describe('verifyBearer', () => {
  it('accepts exactly the configured token', () => {
    expect(verifyBearer('tok', 'Bearer tok')).toBe(true);
    expect(verifyBearer('tok', 'bearer tok')).toBe(true);
    expect(verifyBearer('tok', 'Bearer toK')).toBe(false);
    expect(verifyBearer('tok', 'Bearer tok2')).toBe(false);
    expect(verifyBearer('tok', 'tok')).toBe(false);
    expect(verifyBearer('tok', null)).toBe(false);
    expect(verifyBearer('', 'Bearer ')).toBe(false);
  });
});

describe('changed files', () => {
  it('maps repository paths to content paths, in a content repo or a project repo', () => {
    expect(contentPath('_posts/2024-01-01-x.md')).toBe('_posts/2024-01-01-x.md');
    expect(contentPath('content/_posts/2024/2024-01-01-x.md')).toBe('_posts/2024/2024-01-01-x.md');
    expect(contentPath('README.md')).toBeNull();
    expect(contentPath('_posts/')).toBeNull();
    expect(contentPath('_posts/../../etc/passwd')).toBeNull();
  });

  it('collects added, modified and removed files of every commit, once each', () => {
    const files = filesFromPush({
      commits: [
        { added: ['content/_posts/a.md'], modified: ['app/page.tsx'], removed: [] },
        { added: [], modified: ['content/_posts/a.md', 'content/_posts/b.md'], removed: ['content/_posts/c.md'] },
      ],
      head_commit: { added: [], modified: ['content/_posts/b.md'], removed: [] },
    });
    expect(files.sort()).toEqual(['_posts/a.md', '_posts/b.md', '_posts/c.md']);
    expect(filesFromPush({})).toEqual([]);
  });

  it('reads a plain call as files or as added/modified/removed, and refuses anything else', () => {
    expect(filesFromCall({ files: ['_posts/a.md', 'content/_posts/b.md'] })).toEqual(['_posts/a.md', '_posts/b.md']);
    expect(filesFromCall({ removed: ['_posts/c.md'] })).toEqual(['_posts/c.md']);
    expect(filesFromCall({ files: [] })).toEqual([]);
    expect(filesFromCall({ hello: 1 })).toBeNull();
    expect(filesFromCall('x')).toBeNull();
  });
});

describe('pagesToRevalidate', () => {
  const place = (url: string, categories: string[], tags: string[]) => ({ path: `_posts${url}`, url, date: 1, categories, tags });

  it('names the article (old and new URL), every list page from the change to the end, and the indexes', () => {
    const { paths, patterns } = pagesToRevalidate(
      [place('/a/2024/01/01/x.html', ['a'], ['新能源']), place('/b/2024/01/01/x.html', ['b'], ['新能源'])],
      [
        { list: { kind: 'home' }, fromPage: 3, pages: 4 },
        { list: { kind: 'category', name: 'a' }, fromPage: 1, pages: 2 },
        { list: { kind: 'tag', name: '新能源' }, fromPage: 2, pages: 2 },
      ],
    );
    expect(patterns).toEqual([]);
    expect(paths.sort()).toEqual(
      [
        '/',
        '/categories',
        '/tags',
        '/feed.xml',
        '/sitemap.xml',
        '/category/a/feed.xml',
        `/tag/${encodeURIComponent('新能源')}/feed.xml`,
        '/a/2024/01/01/x.html',
        '/b/2024/01/01/x.html',
        '/page/3',
        '/page/4',
        '/page/5',
        '/category/a',
        '/category/a/page/2',
        '/category/a/page/3',
        `/tag/${encodeURIComponent('新能源')}`,
        `/tag/${encodeURIComponent('新能源')}/page/2`,
        `/tag/${encodeURIComponent('新能源')}/page/3`,
      ].sort(),
    );
  });

  it('encodes article URLs with Chinese slugs', () => {
    const { paths } = pagesToRevalidate([place('/emnews/2024/03/01/央行降准.html', [], [])], []);
    expect(paths).toContain(encodeURI('/emnews/2024/03/01/央行降准.html'));
  });

  it('falls back to the route pattern for a list too long to name page by page', () => {
    const { paths, patterns } = pagesToRevalidate([], [
      { list: { kind: 'home' }, fromPage: 1, pages: MAX_LIST_PAGES + 10 },
      { list: { kind: 'tag', name: 't' }, fromPage: 1, pages: MAX_LIST_PAGES * 2 },
    ]);
    expect(patterns.sort()).toEqual(['/page/[n]', '/tag/[tag]/page/[n]']);
    expect(paths).toContain('/');
    expect(paths).toContain('/tag/t');
    expect(paths.filter((p) => p.startsWith('/page/'))).toEqual([]);
  });
});
