// The archives the benchmark serves: the shared generator's (../shared/tools/gen-corpus.mjs, the
// archive the team measures on), else the project's own generator with a warning; plus the
// posts a run adds: a new post (publishing) and a hostile body (isolation).
import fs from 'node:fs';
import path from 'node:path';

import { run } from './proc.mjs';

export const SHARED_GENERATOR = path.resolve('../shared/tools/gen-corpus.mjs');

/** `<dir>/_posts` with `count` posts, generated unless a previous run left exactly that. */
export async function ensureArchive(dir, count, log) {
  const posts = path.join(dir, '_posts');
  const stamp = path.join(dir, '.generated');
  const shared = fs.existsSync(SHARED_GENERATOR);
  const want = `${shared ? 'shared' : 'own'}:${count}`;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return { generator: want };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (!shared) log(`${SHARED_GENERATOR} not found: using scripts/gen-posts.mjs (figures differ)`);
  const generator = shared ? SHARED_GENERATOR : path.resolve('scripts/gen-posts.mjs');
  await run('generate', process.execPath, [generator, '--out', dir, '--count', String(count)], {
    timeoutMs: 600_000,
  });
  if (!fs.existsSync(posts)) throw new Error(`${generator} wrote no ${posts}`);
  fs.writeFileSync(stamp, want);
  return { generator: want };
}

const pad = (n) => String(n).padStart(2, '0');

/** Beijing wall-clock `YYYY-MM-DD` and `HH:MM:SS` a minute ago (visible at once). */
function beijingNow() {
  const wall = new Date(Date.now() - 60_000 + 8 * 3600_000);
  const ymd = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const hms = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  return { ymd, hms };
}

/** A category of the archive, taken from one of its posts. */
function someCategory(dir) {
  const posts = path.join(dir, '_posts');
  const sample = fs.readdirSync(posts).find((name) => name.endsWith('.md'));
  const head = sample ? fs.readFileSync(path.join(posts, sample), 'utf8') : '';
  return /^categories: (.+)$/m.exec(head)?.[1]?.trim() ?? 'bench';
}

/** Writes a post dated now into an existing category; its path in the content folder and URL. */
export function writePost(dir, slug, body, title = `基准测试文章 ${slug}`) {
  const { ymd, hms } = beijingNow();
  const category = someCategory(dir).split(/\s+/)[0];
  const rel = `_posts/${ymd}-${slug}.md`;
  fs.writeFileSync(
    path.join(dir, rel),
    `---\ntitle: "${title}"\ndate: ${ymd} ${hms} +0800\ncategories: ${category}\ntags: 基准测试\n---\n${body}\n`,
  );
  const url = `/${category.toLowerCase()}/${ymd.replaceAll('-', '/')}/${slug}.html`;
  return { rel, url, category: category.toLowerCase() };
}

/** A body jsdom needs minutes to sanitize: 40,000 sibling elements to unwrap one by one. */
export function hostileBody() {
  return `<p>开头一段正常文字。</p>\n<p>${'<font color="red">字</font>'.repeat(40_000)}</p>`;
}
