// Reading a post file for the index or a render, in a worker thread: whole when it is of a
// reasonable size, else only its start (a 50 MB body is never held whole), with a hash of all of
// it either way: a stored render is of the file with that hash (lib/content/bodies.ts).
import 'server-only';

import crypto from 'node:crypto';
import fs from 'node:fs';

/** A file larger than this is read only this far (the rest is hashed, never kept). */
export const READ_MAX_BYTES = 2 * 1024 * 1024;

export type SourceFile = {
  bytes: Buffer;
  hash: string;
  size: number;
  /** Modification time, ms (whole): with the size, the file's fingerprint in the index. */
  mtime: number;
  truncated: boolean;
};

export function fileHash(bytes: Uint8Array): string {
  return crypto.createHash('sha1').update(bytes).digest('base64url');
}

export function readSource(abs: string, max = READ_MAX_BYTES): SourceFile {
  const fd = fs.openSync(abs, 'r');
  try {
    const st = fs.fstatSync(fd);
    const { size } = st;
    const mtime = Math.trunc(st.mtimeMs);
    if (size <= max) {
      // One read of the size fstat gave, and a byte more: a file that grew meanwhile is read again.
      const buffer = Buffer.allocUnsafe(size + 1);
      const length = fs.readSync(fd, buffer, 0, size + 1, 0);
      const bytes = length <= size ? buffer.subarray(0, length) : fs.readFileSync(abs);
      return { bytes, hash: fileHash(bytes), size: bytes.length, mtime, truncated: false };
    }
    const hash = crypto.createHash('sha1');
    const bytes = Buffer.alloc(max);
    const read = fs.readSync(fd, bytes, 0, max, 0);
    hash.update(bytes.subarray(0, read));
    const chunk = Buffer.alloc(1024 * 1024);
    for (let at = read, n = 1; n > 0; at += n) {
      n = fs.readSync(fd, chunk, 0, chunk.length, at);
      hash.update(chunk.subarray(0, n));
    }
    return {
      bytes: bytes.subarray(0, read),
      hash: hash.digest('base64url'),
      size,
      mtime,
      truncated: true,
    };
  } finally {
    fs.closeSync(fd);
  }
}
