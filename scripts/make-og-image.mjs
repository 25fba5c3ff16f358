#!/usr/bin/env node
// Draws public/og-default.png, the 1200x630 share image of pages without an image of their own,
// and public/logo.png, the site's icon (app/icon.svg) at 512x512, the publisher's logo in the
// articles' structured data. Run once by hand after changing the design (`node scripts/make-og-image.mjs`) and commit the
// PNG: the build never draws it, and needs no font download. Uses sharp (installed with Next)
// and whatever CJK font the machine has (Noto CJK on Debian: `apt-get install fonts-noto-cjk`).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import sharp from 'sharp';

/** The CJK fonts fontconfig knows (sharp draws text through it); none means boxes for Chinese. */
function cjkFonts() {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

if (!cjkFonts()) {
  console.error(
    'make-og-image: no Chinese font found (fc-list :lang=zh is empty), so the image would show boxes.\n' +
      'Install one and run again, e.g. on Debian: apt-get install fonts-noto-cjk',
  );
  process.exit(1);
}

const NAME = '财经快讯';
const TAGLINE = '财经新闻与快讯全文存档';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="#fafaf9"/>
  <rect x="0" y="0" width="1200" height="18" fill="#b91c1c"/>
  <rect x="96" y="150" width="12" height="250" fill="#b91c1c"/>
  <text x="140" y="290" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif" font-size="132" font-weight="700" fill="#b91c1c">${NAME}</text>
  <text x="144" y="380" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif" font-size="48" fill="#44403c">${TAGLINE}</text>
  <g fill="none" stroke="#d6d3d1" stroke-width="6">
    <polyline points="760,560 850,500 930,530 1010,440 1100,470"/>
  </g>
</svg>`;

// `--out DIR` writes elsewhere (the tests do); by default the committed files in public/.
const at = process.argv.indexOf('--out');
const dir = at > 0 ? process.argv[at + 1] : new URL('../public/', import.meta.url).pathname;
const icon = new URL('../app/icon.svg', import.meta.url).pathname;
for (const [name, image] of [
  ['og-default.png', sharp(Buffer.from(svg))],
  ['logo.png', sharp(icon, { density: 768 }).resize(512, 512)],
]) {
  const out = path.join(dir, name);
  const info = await image.png({ compressionLevel: 9, palette: true }).toFile(out);
  console.log(`wrote ${out}: ${info.width}x${info.height}, ${info.size} bytes`);
}
