import fs from 'node:fs';
import path from 'node:path';

import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';

import {
  absoluteImage,
  articleJsonLd,
  articleMetadata,
  summarize,
  listingMetadata,
  sourceOf,
  type ArticleSeo,
} from '@/lib/seo';
import { SITE_NAME, SITE_URL } from '@/lib/site';

const post: ArticleSeo = {
  url: '/gongxinweibao/2021/12/20/NW1.html',
  title: '工信部：明年要扩大新能源汽车消费',
  date: Date.parse('2021-12-20T11:02:33Z'),
  categories: ['gongxinweibao'],
  tags: ['工信微报新闻', '新能源'],
  text: `12月20日，全国工业和信息化工作会议召开。\n${'会议强调，要扩大消费'.repeat(20)}\n（文章来源：工信微报）`,
  images: ['https://dfscdn.dfcfw.com/download/D1.jpg'],
  names: { gongxinweibao: '工信微报' },
  sourceUrl: 'http://finance.eastmoney.com/a/202112202219885661.html',
};

describe('summarize', () => {
  it('keeps short text, collapses whitespace', () => {
    expect(summarize('  一句话\n\n两句话  ')).toBe('一句话 两句话');
  });

  it('cuts long text near 120 characters, at a sentence end when there is one', () => {
    const sentence = `${'字'.repeat(99)}。`;
    expect(summarize(sentence + '后'.repeat(100))).toBe(sentence);
    const cut = summarize('字'.repeat(300));
    expect(Array.from(cut)).toHaveLength(120);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('is quick on a huge text', { timeout: 2_000 }, () => {
    expect(Array.from(summarize('长文本。'.repeat(1_000_000)))).toHaveLength(120);
  });

  it('never splits a character: emoji, flags and combining marks stay whole', () => {
    const family = '👨‍👩‍👧';
    const cut = summarize(family.repeat(200), 10);
    expect(cut).toBe(`${family.repeat(9)}…`);
    expect(summarize(`${'e\u0301'.repeat(200)}`, 5)).toBe(`${'e\u0301'.repeat(4)}…`);
    // Characters longer than the window allows: never half of one.
    const heavy = `a${'\u0301'.repeat(30)}`;
    expect(summarize(heavy.repeat(100), 120)).toBe(`${heavy.repeat(61)}…`);
  });
});

describe('sourceOf and absoluteImage', () => {
  it('finds the named source of a post', () => {
    expect(sourceOf(post.text)).toBe('工信微报');
    expect(sourceOf('（来源：证券时报）')).toBe('证券时报');
    expect(sourceOf('没有来源信息的正文')).toBeNull();
  });

  it('makes image sources absolute, refusing what cannot be', () => {
    expect(absoluteImage('/images/a.png')).toBe(`${SITE_URL}/images/a.png`);
    expect(absoluteImage('//cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(absoluteImage('http://cdn.example/a.png')).toBe('http://cdn.example/a.png');
    expect(absoluteImage('data:image/png;base64,AAAA')).toBeNull();
    expect(absoluteImage('/images/chart.svg')).toBeNull();
    expect(absoluteImage(null)).toBeNull();
  });
});

describe('page metadata', () => {
  it('gives an article OpenGraph, Twitter and feed links from its content', () => {
    const meta = articleMetadata(post, post.url, post.title);
    expect(meta.description).toMatch(/^12月20日，全国工业和信息化工作会议召开。/);
    expect(Array.from(String(meta.description)).length).toBeLessThanOrEqual(120);
    expect(meta.alternates?.canonical).toBe(post.url);
    expect(meta.openGraph).toMatchObject({
      type: 'article',
      publishedTime: '2021-12-20T19:02:33+08:00',
      section: '工信微报',
      tags: ['工信微报新闻', '新能源'],
      images: [{ url: 'https://dfscdn.dfcfw.com/download/D1.jpg' }],
    });
    expect(meta.twitter).toMatchObject({ card: 'summary_large_image' });
    expect(meta.alternates?.types?.['application/atom+xml']).toEqual([
      expect.objectContaining({ url: '/feed.xml' }),
      expect.objectContaining({
        url: '/category/gongxinweibao/feed.xml',
        title: '财经快讯 分类：工信微报',
      }),
    ]);
  });

  it('shows a category without a name by its slug', () => {
    const meta = articleMetadata({ ...post, names: {} }, post.url, post.title);
    expect(meta.openGraph).toMatchObject({ section: 'gongxinweibao' });
    expect(articleJsonLd({ ...post, names: {} }, post.url).articleSection).toBe('gongxinweibao');
  });

  it('falls back to the site image when the body has none a card can show', () => {
    for (const images of [[], ['/images/chart.svg', 'relative.png', 'data:image/png;base64,AA']]) {
      const meta = articleMetadata({ ...post, images }, post.url, post.title);
      expect(meta.openGraph?.images).toEqual([
        expect.objectContaining({ url: `${SITE_URL}/og-default.png`, width: 1200, height: 630 }),
      ]);
    }
  });

  it('skips SVG images for the first raster one', () => {
    const images = ['https://cdn.example/a.svg', '//cdn.example/b.svgz?v=1', '/images/c.jpg'];
    const meta = articleMetadata({ ...post, images }, post.url, post.title);
    expect(meta.openGraph?.images).toEqual([
      expect.objectContaining({ url: `${SITE_URL}/images/c.jpg` }),
    ]);
    expect(articleJsonLd({ ...post, images }, post.url).image).toEqual([
      `${SITE_URL}/images/c.jpg`,
    ]);
  });

  it('describes the article as a NewsArticle written by its source, with the story it links', () => {
    expect(articleJsonLd(post, post.url)).toMatchObject({
      '@type': 'NewsArticle',
      headline: post.title,
      datePublished: '2021-12-20T19:02:33+08:00',
      author: {
        '@type': 'Organization',
        name: '工信微报',
        url: 'http://finance.eastmoney.com/a/202112202219885661.html',
      },
      image: ['https://dfscdn.dfcfw.com/download/D1.jpg'],
      mainEntityOfPage: `${SITE_URL}${post.url}`,
      articleSection: '工信微报',
    });
  });

  it('names the site as publisher, with its logo: a PNG in public/, large enough for search engines', () => {
    const { publisher } = articleJsonLd(post, post.url);
    expect(publisher).toEqual({
      '@type': 'Organization',
      name: SITE_NAME,
      url: `${SITE_URL}/`,
      logo: { '@type': 'ImageObject', url: `${SITE_URL}/logo.png` },
    });
    const file = fs.readFileSync(path.join('public', new URL(publisher.logo.url).pathname));
    const size = imageSize(file);
    expect(size.type).toBe('png');
    // Google asks for a logo of at least 112x112 pixels.
    expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(112);
  });

  it('credits the site when the text names no source, and leaves out a URL it does not know', () => {
    const unnamed = { ...post, text: '正文，没有来源。' };
    expect(articleJsonLd(unnamed, post.url).author).toEqual({
      '@type': 'Organization',
      name: SITE_NAME,
      url: `${SITE_URL}/`,
    });
    const unlinked = { ...post, sourceUrl: null };
    expect(articleJsonLd(unlinked, post.url).author).toEqual({
      '@type': 'Organization',
      name: '工信微报',
    });
  });

  it('gives every share image a text alternative, on Twitter as on OpenGraph', () => {
    const article = articleMetadata(post, post.url, post.title);
    expect(article.twitter).toMatchObject({ images: [{ alt: post.title }] });
    const list = listingMetadata({ title: '首页', description: 'd', path: '/' });
    expect(list.twitter).toMatchObject({ images: [{ alt: SITE_NAME }] });
  });

  it('gives list pages their own title, description, canonical and feeds', () => {
    const meta = listingMetadata({
      title: '分类：emnews 第 2 页',
      description: 'd',
      path: '/category/emnews/page/2',
    });
    expect(meta).toMatchObject({
      title: '分类：emnews 第 2 页',
      alternates: { canonical: '/category/emnews/page/2' },
      openGraph: { type: 'website', url: '/category/emnews/page/2' },
    });
  });
});
