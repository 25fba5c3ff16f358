import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';

import { qrPath } from '@/lib/qr';

/** Draws the path's unit squares as pixels (`scale` each) and reads the code back. */
function decode(text: string, scale = 4): string | null {
  const { size, d } = qrPath(text);
  const side = size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    const [x, y, run] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale * run; dx++) {
        const at = ((y * scale + dy) * side + x * scale + dx) * 4;
        pixels.fill(0, at, at + 3);
      }
    }
  }
  return jsQR(pixels, side, side)?.data ?? null;
}

describe('qrPath', () => {
  it('encodes an article URL that a scanner reads back exactly', () => {
    const url = 'https://news.example.test/gongxinweibao/2026/11/27/NW202611273198509973.html';
    expect(decode(url)).toBe(url);
  });

  it('encodes percent-encoded Chinese paths too', () => {
    const url = `https://news.example.test/tag/${encodeURIComponent('新能源')}/x.html`;
    expect(decode(url)).toBe(url);
  });

  it('leaves a quiet zone of four modules', () => {
    const { size, d } = qrPath('x');
    const runs = [...d.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => m.slice(1).map(Number));
    expect(Math.min(...runs.flatMap(([x, y]) => [x ?? 0, y ?? 0]))).toBe(4);
    expect(Math.max(...runs.map(([x, , run]) => (x ?? 0) + (run ?? 0)))).toBe(size - 4);
  });
});
