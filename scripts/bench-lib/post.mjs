// The "+1 post" of the incremental index measurement: one new file in the format
// scripts/gen-posts.mjs writes, dated now (so it is what a freshly published post looks like,
// newest on the home page) and filed under the category and tags of an existing post, so it
// touches a real, populated category and tag as a publish would.
import fs from 'node:fs';
import path from 'node:path';

const pad = (n) => String(n).padStart(2, '0');

/** Writes the new post into `<contentDir>/_posts/` and returns its path relative to the content folder. */
export function writeExtraPost(contentDir, serial) {
  const posts = path.join(contentDir, '_posts');
  const sample = fs.readdirSync(posts).find((name) => name.endsWith('.md'));
  if (!sample) throw new Error(`no generated post in ${posts} to copy a category from`);
  const head = fs.readFileSync(path.join(posts, sample), 'utf8');
  const category = /^categories: (.+)$/m.exec(head)?.[1];
  const tags = /^tags: (.+)$/m.exec(head)?.[1];
  if (!category || !tags)
    throw new Error(`${sample}: no categories/tags line; has gen-posts.mjs changed its format?`);

  // Beijing wall-clock time one minute ago, written with +0800 like gen-posts does: a minute in
  // the past so the post is visible at once (a future date would hide it).
  const wall = new Date(Date.now() - 60_000 + 8 * 3600_000);
  const ymd = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const hms = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  const slug = `NW${ymd.replaceAll('-', '')}B${String(serial).padStart(7, '0')}`;
  const text = `---
layout: post
title: "基准测试新增文章第${serial}篇"
date: ${ymd} ${hms} +0800
categories: ${category}
tags: ${tags}
---
<p>这是一篇用于测量增量索引时间的新文章，内容格式与生成的存档一致。</p>

<http://finance.eastmoney.com/a/${slug.slice(2)}.html>

[返回首页](../)`;
  const rel = `_posts/${ymd}-${slug}.md`;
  fs.writeFileSync(path.join(contentDir, rel), text);
  return rel;
}
