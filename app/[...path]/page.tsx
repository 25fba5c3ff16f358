import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { ArticleView } from '@/app/[...path]/_components/article-view';
import { getArticleView } from '@/lib/content/queries';
import { getNewestUrls } from '@/lib/content/store';
import { truncate } from '@/lib/content/text';
import { articleHref, decodeParam } from '@/lib/format';
import { articleJsonLd, articleMetadata, type ArticleSeo } from '@/lib/seo';
import { PRERENDER_POSTS } from '@/lib/site';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ path: string[] }> };

function urlOf(segments: string[]): string {
  return `/${segments.map(decodeParam).join('/')}`;
}

export function generateStaticParams() {
  return getNewestUrls(PRERENDER_POSTS).map((url) => ({ path: url.slice(1).split('/') }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = getArticleView(urlOf((await params).path));
  if (article?.kind !== 'post') return {};
  const seo: ArticleSeo = { ...article.post, firstImage: article.firstImage };
  return articleMetadata(seo, articleHref(article.post.url), truncate(article.post.title, 60));
}

export default async function ArticlePage({ params }: Props) {
  const article = getArticleView(urlOf((await params).path));
  if (!article) notFound();
  if (article.kind === 'redirect') permanentRedirect(articleHref(article.url));
  const { post, html, sourceUrl, firstImage } = article;
  const jsonLd = articleJsonLd({ ...post, firstImage }, articleHref(post.url));
  return <ArticleView post={post} html={html} sourceUrl={sourceUrl} jsonLd={jsonLd} />;
}
