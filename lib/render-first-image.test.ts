import { describe, expect, it } from 'vitest';

import { renderBody } from '@/lib/render';

describe('renderBody firstImage', () => {
  it('is the src of the first image the body still shows', () => {
    const body =
      '<p style="display:none"><img src="https://cdn.example/hidden.png"></p><p><img src="relative.png"><img src="https://cdn.example/a.jpg?x=1&amp;y=2"></p><img src="/images/b.png">';
    expect(renderBody(body, 'html').firstImage).toBe('https://cdn.example/a.jpg?x=1&y=2');
    expect(renderBody('![图](/images/c.png)', 'markdown').firstImage).toBe('/images/c.png');
    expect(renderBody('<p>没有图片</p>', 'html').firstImage).toBeNull();
  });
});
