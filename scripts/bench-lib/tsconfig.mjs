// `next build` with a distDir that tsconfig.json does not list rewrites tsconfig.json (it adds
// `<distDir>/types/**/*.ts` to "include") and next-env.d.ts (it imports `<distDir>/types/…`).
// The benchmark must leave the working tree as it found it, yet other people may edit
// tsconfig.json while a long build runs: so it puts a file back only when the sole change is the
// one Next made for the benchmark's distDir, and otherwise says what to undo by hand.
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

function read(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // comments or trailing commas: cannot compare safely
  }
}

/** Snapshots the two files now; the returned function restores what Next changed for `distDir`. */
export function guardTsconfig(distDir) {
  const before = { tsconfig: read('tsconfig.json'), env: read('next-env.d.ts') };
  let done = false;
  return function restore() {
    if (done) return [];
    done = true;
    const notes = [];
    const now = read('tsconfig.json');
    if (now !== before.tsconfig && now !== null && before.tsconfig !== null) {
      const a = parseJson(now);
      const b = parseJson(before.tsconfig);
      const ours = (entry) => typeof entry === 'string' && entry.startsWith(`${distDir}/`);
      if (a && b && Array.isArray(a.include)) {
        const added = a.include.filter((e) => ours(e) && !b.include?.includes(e));
        const stripped = { ...a, include: a.include.filter((e) => !added.includes(e)) };
        if (isDeepStrictEqual(stripped, b)) {
          fs.writeFileSync('tsconfig.json', before.tsconfig);
          notes.push(`restored tsconfig.json (next build had added ${added.join(', ')})`);
        } else {
          notes.push(
            `tsconfig.json changed during the build beyond Next's ${distDir} entries; left as is — remove any "${distDir}/…" include entries by hand`,
          );
        }
      } else {
        notes.push(`tsconfig.json changed during the build and could not be compared; left as is`);
      }
    }
    // next-env.d.ts is generated and gitignored; put it back only if it now points at our build.
    const env = read('next-env.d.ts');
    if (env !== before.env && env?.includes(`./${distDir}/`) && before.env !== null) {
      fs.writeFileSync('next-env.d.ts', before.env);
      notes.push('restored next-env.d.ts');
    }
    return notes;
  };
}
