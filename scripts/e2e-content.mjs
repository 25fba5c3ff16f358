// Lays out the end-to-end tests' content folder: the bundled samples, the project's own awkward
// and hostile fixtures, and the seed article when ../shared is present (it is in CI).
//   node scripts/e2e-content.mjs [outDir]
import fs from 'node:fs';
import path from 'node:path';

const out = path.resolve(process.argv[2] ?? process.env.CONTENT_DIR ?? '.data/e2e-content');
const posts = path.join(out, '_posts');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(posts, { recursive: true });

fs.cpSync('content/_posts', path.join(posts, 'samples'), { recursive: true });
fs.cpSync('content/_data', path.join(out, '_data'), { recursive: true });
fs.cpSync('lib/content/fixtures/bad/_posts', path.join(posts, 'fixtures'), { recursive: true });

// A huge post (10,000-character title, ~3 MB body) is generated rather than committed.
fs.mkdirSync(path.join(posts, 'generated'));
const paragraph = `<p>${'超长正文用于检验渲染不会超时。'.repeat(70)}</p>\n`;
fs.writeFileSync(
  path.join(posts, 'generated', '2024-03-01-huge.md'),
  `---\nlayout: post\ntitle: "${'超长标题'.repeat(2500)}"\ndate: 2024-03-01 08:00:00 +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n${paragraph.repeat(1000)}`,
);

// A body whose markup takes jsdom minutes to sanitize: the site must answer it as plain text.
fs.writeFileSync(
  path.join(posts, 'generated', '2024-03-01-hostile-markup.md'),
  `---\nlayout: post\ntitle: "排版极其复杂的稿件"\ndate: 2024-03-01 09:00:00 +0800\ncategories: shenhe\ntags: 审核用例\n---\n<p>开头一段&lt;b&gt;正常文字。</p>\n<p>${'<font color="red">字</font>'.repeat(40_000)}</p>\n`,
);

const seedDir = path.resolve('../shared/seed');
if (fs.existsSync(seedDir)) {
  const seed = fs.readdirSync(seedDir).find((name) => name.endsWith('.txt'));
  if (seed) {
    fs.mkdirSync(path.join(posts, 'seed'));
    fs.copyFileSync(
      path.join(seedDir, seed),
      path.join(posts, 'seed', '2021-12-20-NW202112202219885661.md'),
    );
  }
}
// Copies keep their files writable even when the source is read-only.
for (const dir of [posts, path.join(out, '_data')]) {
  for (const file of fs.readdirSync(dir, { recursive: true })) {
    fs.chmodSync(path.join(dir, String(file)), 0o755);
  }
}
console.log(`e2e content ready in ${out}`);
