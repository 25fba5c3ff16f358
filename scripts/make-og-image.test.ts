import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'og-image-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function draw(env: Record<string, string>) {
  const out = fs.mkdtempSync(path.join(tmp, 'out-'));
  const run = spawnSync('node', ['scripts/make-og-image.mjs', '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { ...run, out };
}

describe('node scripts/make-og-image.mjs', () => {
  it('refuses to draw boxes on a machine without a Chinese font, naming the package to install', () => {
    // A fontconfig that knows no font directory: what a fresh machine without fonts sees.
    const conf = path.join(tmp, 'fonts.conf');
    fs.writeFileSync(
      conf,
      '<?xml version="1.0"?><fontconfig><cachedir>' + tmp + '</cachedir></fontconfig>',
    );
    const run = draw({ FONTCONFIG_FILE: conf });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('fonts-noto-cjk');
    expect(fs.readdirSync(run.out)).toEqual([]);
  });
});
