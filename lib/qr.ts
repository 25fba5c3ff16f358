// QR codes as SVG path data, through the maintained `qrcode` library (encoding, masking and error
// correction are its job): one path of unit squares plus the quiet zone scanners need. Pure.
import QRCode from 'qrcode';

/** Modules of quiet zone around the code (the standard asks for four). */
const QUIET = 4;

export type QrPath = { size: number; d: string };

/** `text` as a QR code: the side of its viewBox in modules and the path of its dark modules. */
export function qrPath(text: string): QrPath {
  // One mask, not the best of eight: scanners read any, and scoring all eight was most of the
  // time an article page took to draw its code.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 0 });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    // One rectangle per run of dark modules in a row keeps the path short.
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let end = col;
      while (end + 1 < modules.size && modules.get(row, end + 1)) end++;
      const run = end - col + 1;
      parts.push(`M${col + QUIET} ${row + QUIET}h${run}v1h-${run}z`);
      col = end;
    }
  }
  return { size: modules.size + QUIET * 2, d: parts.join('') };
}
