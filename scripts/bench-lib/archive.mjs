// The archives the benchmark serves: the shared generator's (../shared/tools/gen-corpus.mjs, the
// archive the team measures on), else the project's own generator with a warning; plus the
// posts a run adds (publishing, costly bodies), every one of which it removes again: each is
// noted in a journal beside the content folder as it is written, so that even a run that was
// killed has its posts removed by the next one.
import fs from 'node:fs';
import path from 'node:path';

import { run } from './proc.mjs';

export const SHARED_GENERATOR = path.resolve('../shared/tools/gen-corpus.mjs');
const MB = 2 ** 20;

/** Posts the benchmark writes are named `YYYY-MM-DD-NW<LETTERS>…`; the archive's `NW<digits>…`. */
const ADDED_NAME = /^\d{4}-\d\d-\d\d-NW[A-Z]/;

/**
 * `<dir>/_posts` with `count` posts, generated unless it holds exactly that already. A folder
 * made elsewhere (a link, as README suggests for the large shared archives) is never replaced.
 */
export async function ensureArchive(dir, count, log) {
  const posts = path.join(dir, '_posts');
  const stamp = path.join(dir, '.generated');
  const shared = fs.existsSync(SHARED_GENERATOR);
  const found = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : null;
  if (found === `shared:${count}` || found === `own:${count}`) return { generator: found };
  if (isLink(dir)) {
    throw new Error(
      `${dir} is a link to an archive stamped ${JSON.stringify(found)}, not one of ${count} posts: point it at the right archive (the benchmark replaces only folders it made)`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (!shared) log(`${SHARED_GENERATOR} not found: using scripts/gen-posts.mjs (figures differ)`);
  const generator = shared ? SHARED_GENERATOR : path.resolve('scripts/gen-posts.mjs');
  await run('generate', process.execPath, [generator, '--out', dir, '--count', String(count)], {
    timeoutMs: 3_600_000,
  });
  if (!fs.existsSync(posts)) throw new Error(`${generator} wrote no ${posts}`);
  const want = `${shared ? 'shared' : 'own'}:${count}`;
  fs.writeFileSync(stamp, want);
  return { generator: want };
}

function isLink(file) {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** How many posts `_posts` holds and their bytes (the sum of the files' sizes), streamed. */
export function postsBytes(dir) {
  const posts = path.join(dir, '_posts');
  const walk = fs.opendirSync(posts, { recursive: true });
  let bytes = 0;
  let files = 0;
  try {
    for (let entry; (entry = walk.readSync());) {
      if (!entry.isFile() || ADDED_NAME.test(entry.name)) continue;
      bytes += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
      files++;
    }
  } finally {
    walk.closeSync();
  }
  return { files, bytes };
}

/** Posts this run wrote, by content folder; the journal of each folder holds the same paths. */
const added = new Map();
const journalOf = (dir) => `${path.resolve(dir)}.bench-added-posts`;

/** Removes the posts a previous run noted in `dir`'s journal and left behind (it was killed). */
export function removeLeftovers(dir) {
  const journal = journalOf(dir);
  if (!fs.existsSync(journal)) return 0;
  const files = fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean);
  let removed = 0;
  for (const file of files) {
    if (!ADDED_NAME.test(path.basename(file)) || !fs.existsSync(file)) continue;
    fs.rmSync(file, { force: true });
    removed++;
  }
  fs.rmSync(journal, { force: true });
  return removed;
}

/** Removes every post this run added (to `dir`, or everywhere); synchronous, for exit handlers. */
export function removeAddedPosts(dir) {
  let removed = 0;
  for (const [folder, files] of added) {
    if (dir && folder !== path.resolve(dir)) continue;
    for (const file of files) {
      if (fs.existsSync(file)) removed++;
      fs.rmSync(file, { force: true });
    }
    fs.rmSync(journalOf(folder), { force: true });
    added.delete(folder);
  }
  return removed;
}

const pad = (n) => String(n).padStart(2, '0');

/** Beijing wall-clock `YYYY-MM-DD` and `HH:MM:SS` a minute ago (visible at once). */
function beijingNow() {
  const wall = new Date(Date.now() - 60_000 + 8 * 3600_000);
  const ymd = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const hms = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  return { ymd, hms };
}

/** A category of the archive, taken from one of its posts (read once per folder). */
const categories = new Map();
function someCategory(dir) {
  if (!categories.has(dir)) {
    const posts = path.join(dir, '_posts');
    const sample = fs.readdirSync(posts).find((name) => /^\d{4}-\d\d-\d\d-NW\d/.test(name));
    const head = sample ? fs.readFileSync(path.join(posts, sample), 'utf8').slice(0, 2000) : '';
    categories.set(dir, /^categories: (.+)$/m.exec(head)?.[1]?.trim().split(/\s+/)[0] ?? 'bench');
  }
  return categories.get(dir);
}

/**
 * Writes a post dated now into an existing category, noting it for removal. `slug` must start
 * with `NW` and capitals (NWBENCH…). Its path in the content folder, URL, category and day page.
 */
export function writePost(dir, slug, body, title = `基准测试文章 ${slug}`) {
  const { ymd, hms } = beijingNow();
  const category = someCategory(dir);
  const rel = `_posts/${ymd}-${slug}.md`;
  if (!ADDED_NAME.test(path.basename(rel))) throw new Error(`${slug}: not a benchmark post name`);
  const file = path.join(path.resolve(dir), rel);
  const folder = path.resolve(dir);
  if (!added.has(folder)) added.set(folder, new Set());
  added.get(folder).add(file);
  fs.appendFileSync(journalOf(folder), `${file}\n`);
  fs.writeFileSync(
    file,
    `---\ntitle: "${title}"\ndate: ${ymd} ${hms} +0800\ncategories: ${category}\ntags: 基准测试\n---\n${body}\n`,
  );
  const day = `/${ymd.replaceAll('-', '/')}`;
  const url = `/${category.toLowerCase()}${day}/${slug}.html`;
  return { rel, url, category: category.toLowerCase(), day };
}

/** Removes one post written by `writePost` (the caller publishes the removal if it must). */
export function removePost(dir, rel) {
  const file = path.join(path.resolve(dir), rel);
  fs.rmSync(file, { force: true });
  added.get(path.resolve(dir))?.delete(file);
}

// Costly bodies: shapes that have cost the server its heap or its time. Deterministic.

/** A body jsdom needs minutes to sanitize: 40,000 sibling elements to unwrap one by one. */
export function hostileBody() {
  return `<p>开头一段正常文字。</p>\n<p>${'<font color="red">字</font>'.repeat(40_000)}</p>`;
}

const WORDS = [
  '央行',
  '新能源汽车',
  '上证指数',
  '人民币汇率',
  '国债收益率',
  '消费',
  '出口',
  '制造业',
  '房地产',
  '半导体',
  '银行间市场',
  '基金',
];
const VERBS = ['上涨', '回落', '企稳', '同比增长', '环比下降', '保持平稳', '创下新高'];

/** One ordinary sentence, the `i`th, with inline markdown now and then. */
function sentence(i) {
  const a = WORDS[i % WORDS.length];
  const b = WORDS[(i * 7 + 3) % WORDS.length];
  const verb = VERBS[(i * 5) % VERBS.length];
  const mark = i % 4 === 0 ? `**${a}**` : i % 4 === 1 ? `*${a}*` : i % 4 === 2 ? `\`${a}\`` : a;
  return `据报道，${mark}${verb}${(i % 97) / 10}%，市场人士认为${b}短期内仍将${VERBS[i % VERBS.length]}。`;
}

/** `bytes` (UTF-8) of ordinary Chinese sentences with inline bold, emphasis and code. */
export function ordinaryMarkdown(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = i % 8 === 7 ? `${sentence(i)}\n\n` : sentence(i);
    parts.push(s);
    size += Buffer.byteLength(s);
  }
  return parts.join('');
}

/** HTML nested `depth` elements deep. */
export function nestedBody(depth = 10_000) {
  return `<p>嵌套很深的稿件。</p>\n${'<div><span>'.repeat(depth)}最里面的一句话。${'</span></div>'.repeat(depth)}`;
}

/** An HTML table of `rows` × `cells`. */
export function tableBody(rows = 2_000, cells = 10) {
  const row = (r) =>
    `<tr>${Array.from({ length: cells }, (_, c) => `<td>${WORDS[(r + c) % WORDS.length]}${r * cells + c}</td>`).join('')}</tr>`;
  return `<p>数据表。</p>\n<table><tbody>${Array.from({ length: rows }, (_, r) => row(r)).join('\n')}</tbody></table>`;
}

/** `count` short markdown paragraphs. */
export function paragraphsBody(count = 200_000) {
  return Array.from({ length: count }, (_, i) => `第${i + 1}段：${WORDS[i % WORDS.length]}。`).join(
    '\n\n',
  );
}

/** The costly shapes a crawl starts with and other pages are timed against. */
export const COSTLY_SHAPES = [
  { name: 'elements', what: '40,000 sibling elements', body: () => hostileBody() },
  {
    name: 'markdown',
    what: '3.5 MB of sentences with inline markdown',
    body: () => ordinaryMarkdown(3.5 * MB),
  },
  { name: 'nested', what: 'HTML nested 10,000 deep', body: () => nestedBody() },
  { name: 'table', what: 'a table of 2,000 × 10 cells', body: () => tableBody() },
  { name: 'paragraphs', what: '200,000 short paragraphs', body: () => paragraphsBody() },
];
