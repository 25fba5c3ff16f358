import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { ArticleView } from '@/app/[...path]/_components/article-view';
import { getArticle, getNewestUrls } from '@/lib/content/store';
import { truncate } from '@/lib/content/text';
import { articleHref, decodeParam } from '@/lib/format';
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
  const article = getArticle(urlOf((await params).path));
  if (article?.kind !== 'post') return {};
  const { post } = article;
  return {
    title: truncate(post.title, 60),
    description: truncate(post.excerpt, 120),
    alternates: { canonical: articleHref(post.url) },
  };
}

export default async function ArticlePage({ params }: Props) {
  const article = getArticle(urlOf((await params).path));
  if (!article) notFound();
  if (article.kind === 'redirect') permanentRedirect(articleHref(article.url));
  return <ArticleView post={article.post} html={article.html} sourceUrl={article.sourceUrl} />;
}
