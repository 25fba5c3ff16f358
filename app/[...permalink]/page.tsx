import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { ArticleView } from '@/app/[...permalink]/_components/article-view';
import { articleHref, decodeParam, truncate } from '@/lib/format';
import { articleJsonLd, articleMetadata, type ArticleSeo } from '@/lib/seo';
import { PRERENDER_POSTS } from '@/lib/site';
import { getArticle, getNewestUrls } from '@/lib/store';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ permalink: string[] }> };

function urlOf(segments: string[]): string {
  return `/${segments.map(decodeParam).join('/')}`;
}

export async function generateStaticParams() {
  const urls = await getNewestUrls(PRERENDER_POSTS);
  return urls.map((url) => ({ permalink: url.slice(1).split('/') }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticle(urlOf((await params).permalink));
  if (article?.kind !== 'post') return {};
  const { post, body } = article;
  const seo: ArticleSeo = { ...post, text: body.text, images: body.images };
  return articleMetadata(seo, articleHref(post.url), truncate(post.title, 60));
}

export default async function ArticlePage({ params }: Props) {
  const article = await getArticle(urlOf((await params).permalink));
  if (!article) notFound();
  if (article.kind === 'redirect') permanentRedirect(articleHref(article.url));
  const { post, body } = article;
  const seo: ArticleSeo = { ...post, text: body.text, images: body.images };
  const jsonLd = articleJsonLd(seo, articleHref(post.url));
  return <ArticleView post={post} html={body.html} sourceUrl={body.sourceUrl} jsonLd={jsonLd} />;
}
