#!/usr/bin/env node
// Writes a synthetic archive of realistic posts for scale tests and benchmarks.
//   node scripts/gen-posts.mjs --out DIR --count N [--seed S] [--categories C]
// Deterministic for a seed; post i depends only on (seed, i), so a smaller archive is a prefix
// of a larger one. Dates fall on quarter hours over three years, so many posts share a
// timestamp (ties exercise the stable ordering). Categories follow a Zipf-like popularity.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    categories: { type: 'string', default: '200' },
  },
});
if (!values.out) {
  console.error(
    'usage: node scripts/gen-posts.mjs --out DIR --count N [--seed S] [--categories C]',
  );
  process.exit(2);
}

function rng(seed) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const HAN = Array.from(
  '经济市场企业投资增长政策发展银行资金融证券指数上涨下跌公司产业科技能源汽车消费数据报告会议中国工业信息部门建设服务价格利率出口贸易制造创新数字绿色项目规模同比收入利润',
);
const SYL = [
  'zhong',
  'guo',
  'cai',
  'jing',
  'xin',
  'wen',
  'shang',
  'hai',
  'gong',
  'wei',
  'bao',
  'zheng',
  'quan',
  'shi',
  'tou',
  'zi',
  'ke',
  'ji',
  'jin',
  'rong',
  'gu',
  'neng',
  'yuan',
  'qi',
  'che',
  'dian',
];
const nCats = Number(values.categories);
const catRnd = rng(hash('categories'));
const cats = [];
const seen = new Set();
while (cats.length < nCats) {
  let slug = '';
  for (let i = 0, n = 2 + Math.floor(catRnd() * 3); i < n; i++)
    slug += SYL[Math.floor(catRnd() * SYL.length)];
  if (seen.has(slug)) continue;
  seen.add(slug);
  let name = '';
  for (let i = 0; i < 3; i++) name += HAN[Math.floor(catRnd() * HAN.length)];
  cats.push({ slug, tag: `${name}新闻` });
}
const weights = cats.map((_, i) => 1 / (i + 1));
const totalWeight = weights.reduce((a, b) => a + b, 0);
function pickCat(r) {
  let x = r() * totalWeight;
  for (let i = 0; i < cats.length; i++) if ((x -= weights[i]) <= 0) return cats[i];
  return cats[cats.length - 1];
}
const han = (r, n) => Array.from({ length: n }, () => HAN[Math.floor(r() * HAN.length)]).join('');
const pad = (n, w = 2) => String(n).padStart(w, '0');

const count = Number(values.count);
const dir = path.join(path.resolve(values.out), '_posts');
fs.mkdirSync(dir, { recursive: true });
const start = Date.UTC(2021, 0, 1);
const minutes = 3 * 365 * 24 * 60;
for (let i = 0; i < count; i++) {
  const r = rng(hash(`${values.seed}:${i}`));
  const cat = pickCat(r);
  // Wall-clock Beijing time on a quarter hour, written with +0800: many posts share one.
  const wall = new Date(start + Math.floor((r() * minutes) / 15) * 15 * 60_000);
  const ymd = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const hm = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  const slug = `NW${ymd.replaceAll('-', '')}${pad(i, 8)}`;
  const extraTag = r() < 0.3 ? ' 新能源' : '';
  const paragraphs = Array.from(
    { length: 1 + Math.floor(r() * 6) },
    () => `<p>${han(r, 40 + Math.floor(r() * 200))}。</p>`,
  );
  const body =
    r() < 0.2
      ? `> ${han(r, 60 + Math.floor(r() * 120))}。\n`
      : `${r() < 0.3 ? '<center><img src="https://dfscdn.dfcfw.com/download/D1.jpg" alt="图片" width="580" /></center>' : ''}${paragraphs.join('')}\n`;
  const text = `---
layout: post
title: "${han(r, 10 + Math.floor(r() * 20))}"
date: ${ymd} ${hm}:00 +0800
categories: ${cat.slug}
tags: ${cat.tag}${extraTag}
---
${body}
<http://finance.eastmoney.com/a/${slug.slice(2)}.html>

[返回${cat.tag}](../${cat.slug}/)｜[返回首页](../)`;
  fs.writeFileSync(path.join(dir, `${ymd}-${slug}.md`), text);
}
console.log(`wrote ${count} posts to ${dir}`);
