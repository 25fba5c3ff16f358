import type { Metadata } from 'next';
import { cookies, draftMode } from 'next/headers';
import { notFound, permanentRedirect } from 'next/navigation';

import { ArticleView } from '@/app/[...permalink]/_components/article-view';
import { articleHref, decodeParam, truncate } from '@/lib/format';
import { PREVIEW_COOKIE } from '@/lib/preview';
import { absoluteUrl, articleJsonLd, articleMetadata, type ArticleSeo } from '@/lib/seo';
import type { RenderedPost } from '@/lib/render';
import { PRERENDER_POSTS } from '@/lib/site';
import { getArticle, getArticleLinks, getNewestUrls, getPreview, getTermNames } from '@/lib/store';
import type { Post } from '@/lib/types';

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ permalink: string[] }> };

function urlOf(segments: string[]): string {
  return `/${segments.map(decodeParam).join('/')}`;
}

/** In an editor's draft mode, the previewed file when it lives at `url`. Never in a cached render. */
async function previewAt(url: string) {
  if (!(await draftMode()).isEnabled) return null;
  const file = (await cookies()).get(PREVIEW_COOKIE)?.value;
  return file ? getPreview(file, url) : null;
}

async function load(params: Props['params']) {
  const url = urlOf((await params).permalink);
  const preview = await previewAt(url);
  return preview
    ? { article: preview, preview: true }
    : { article: await getArticle(url), preview: false };
}

/** What share cards and JSON-LD read of an article: the text and images readers are shown. */
function seoOf({ post, body }: { post: Post; body: RenderedPost }): ArticleSeo {
  return {
    ...post,
    text: body.text,
    images: body.images,
    sourceUrl: body.sourceUrl,
    names: getTermNames(),
  };
}

export async function generateStaticParams() {
  const urls = await getNewestUrls(PRERENDER_POSTS);
  return urls.map((url) => ({ permalink: url.slice(1).split('/') }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { article, preview } = await load(params);
  if (article?.kind !== 'post') return {};
  const { post } = article;
  const meta = articleMetadata(seoOf(article), articleHref(post.url), truncate(post.title, 60));
  return preview ? { ...meta, robots: { index: false, follow: false } } : meta;
}

export default async function ArticlePage({ params }: Props) {
  const { article, preview } = await load(params);
  if (!article) notFound();
  if (article.kind === 'redirect') permanentRedirect(articleHref(article.url));
  const { post, body } = article;
  const href = articleHref(post.url);
  return (
    <ArticleView
      post={post}
      body={body}
      jsonLd={articleJsonLd(seoOf(article), href)}
      canonical={absoluteUrl(href)}
      links={await getArticleLinks(post)}
      preview={preview ? href : null}
    />
  );
}
