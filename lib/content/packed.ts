// Text kept in the index in few bytes. A post's plain text is stored as UTF-16 when that is
// smaller than UTF-8 (Chinese: two bytes a character instead of three; costs nothing to read),
// a rendered body deflated as UTF-16 (Chinese text and ASCII markup together: smaller and faster
// than deflating UTF-8). The first byte says which.
import zlib from 'node:zlib';

const UTF8 = 0;
const UTF16 = 1;
const DEFLATED = 2;
const DEFLATED_UTF16 = 3;

/** Plain text, in the smaller of UTF-8 and UTF-16. */
export function packText(text: string): Buffer {
  const utf8 = Buffer.byteLength(text);
  if (utf8 <= 2 * text.length) return Buffer.concat([Buffer.of(UTF8), Buffer.from(text, 'utf8')]);
  return Buffer.concat([Buffer.of(UTF16), Buffer.from(text, 'utf16le')]);
}

/** HTML, deflated. */
export function packHtml(html: string): Buffer {
  return Buffer.concat([
    Buffer.of(DEFLATED_UTF16),
    zlib.deflateRawSync(Buffer.from(html, 'utf16le')),
  ]);
}

export function unpack(packed: Uint8Array): string {
  const body = Buffer.from(packed.buffer, packed.byteOffset + 1, packed.byteLength - 1);
  if (packed[0] === UTF16) return body.toString('utf16le');
  if (packed[0] === DEFLATED) return zlib.inflateRawSync(body).toString('utf8');
  if (packed[0] === DEFLATED_UTF16) return zlib.inflateRawSync(body).toString('utf16le');
  return body.toString('utf8');
}
