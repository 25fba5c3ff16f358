// Intrinsic sizes of the site's own images (public/), so a body's `<img src="/…" width="600">`
// gets the height that keeps the page from shifting when it loads. Read once per file; bounded.
import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import { imageSize } from 'image-size';

export type Size = { width: number; height: number };

const MAX_ENTRIES = 1000;
const MAX_BYTES = 4 * 1024 * 1024;
const sizes = new Map<string, Size | null>();

/** The size of `public/<src>` (a site-relative path), or null when it is not a readable image. */
export function publicImageSize(
  src: string,
  publicDir = path.join(process.cwd(), 'public'),
): Size | null {
  const clean = decodeURI(src.split(/[?#]/)[0] ?? '');
  const file = path.join(publicDir, clean);
  if (!file.startsWith(publicDir + path.sep)) return null;
  if (sizes.has(file)) return sizes.get(file) ?? null;
  let size: Size | null = null;
  try {
    if (fs.statSync(file).size <= MAX_BYTES) {
      const found = imageSize(fs.readFileSync(file));
      if (found.width && found.height) size = { width: found.width, height: found.height };
    }
  } catch {
    size = null;
  }
  if (sizes.size >= MAX_ENTRIES) sizes.clear();
  sizes.set(file, size);
  return size;
}

/** Both dimensions for an image that gave one or none, keeping the intrinsic ratio. */
export function completeSize(
  given: { width: number | null; height: number | null },
  natural: Size,
): Size {
  const { width, height } = given;
  if (width && !height)
    return { width, height: Math.round((width * natural.height) / natural.width) };
  if (height && !width)
    return { width: Math.round((height * natural.width) / natural.height), height };
  return natural;
}
