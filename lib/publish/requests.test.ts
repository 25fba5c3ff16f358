import crypto from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  contentPath,
  filesFromCall,
  filesFromPush,
  verifyBearer,
  verifyGithubSignature,
} from '@/lib/publish/requests';

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
    expect(
      verifyGithubSignature('s3cret', new TextEncoder().encode(`${body} `), sign('s3cret', body)),
    ).toBe(false);
    expect(verifyGithubSignature('s3cret', bytes, null)).toBe(false);
    expect(
      verifyGithubSignature('s3cret', bytes, sign('s3cret', body).replace('sha256=', 'sha1=')),
    ).toBe(false);
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
        {
          added: [],
          modified: ['content/_posts/a.md', 'content/_posts/b.md'],
          removed: ['content/_posts/c.md'],
        },
      ],
      head_commit: { added: [], modified: ['content/_posts/b.md'], removed: [] },
    });
    expect(files.sort()).toEqual(['_posts/a.md', '_posts/b.md', '_posts/c.md']);
    expect(filesFromPush({})).toEqual([]);
  });

  it('reads a plain call as files or as added/modified/removed, and refuses anything else', () => {
    expect(filesFromCall({ files: ['_posts/a.md', 'content/_posts/b.md'] })).toEqual([
      '_posts/a.md',
      '_posts/b.md',
    ]);
    expect(filesFromCall({ removed: ['_posts/c.md'] })).toEqual(['_posts/c.md']);
    expect(filesFromCall({ files: [] })).toEqual([]);
    expect(filesFromCall({ hello: 1 })).toBeNull();
    expect(filesFromCall('x')).toBeNull();
  });
});
