import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { archiveMetadata } from '@/app/[...permalink]/_components/archive-metadata';
import { ArticleView } from '@/app/[...permalink]/_components/article-view';
import { DateArchiveView } from '@/app/[...permalink]/_components/date-archive-view';
import { resolve } from '@/app/[...permalink]/_components/resolve';
import { articleHref, truncate } from '@/lib/format';
import { absoluteUrl, articleJsonLd, articleMetadata, type ArticleSeo } from '@/lib/seo';
import type { RenderedPost } from '@/lib/render';
import { shortLived } from '@/lib/short-lived';
import { PRERENDER_POSTS } from '@/lib/site';
import { getArticleLinks, getNewestUrls, getTermNames } from '@/lib/store';
import type { PostMeta } from '@/lib/types';

// A day: what a date archive that is over shows never changes (publishing revalidates it when
// a post of its range is pushed). Every other answer here lowers it to a minute (shortLived).
export const revalidate = 86400;
export const dynamicParams = true;

type Props = { params: Promise<{ permalink: string[] }> };

/** What share cards and JSON-LD read of an article: the text and images readers are shown. */
function seoOf({ post, body }: { post: PostMeta; body: RenderedPost }): ArticleSeo {
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
  const found = await resolve((await params).permalink);
  if (found?.kind === 'archive') return archiveMetadata(found.archive);
  if (found?.kind !== 'post') return {};
  const meta = articleMetadata(
    seoOf(found),
    articleHref(found.post.url),
    truncate(found.post.title, 60),
  );
  return found.preview ? { ...meta, robots: { index: false, follow: false } } : meta;
}

export default async function PermalinkPage({ params }: Props) {
  const found = await resolve((await params).permalink);
  if (found?.kind !== 'archive' || !found.archive.settled) await shortLived();
  if (!found) notFound();
  if (found.kind === 'redirect') permanentRedirect(found.url);
  if (found.kind === 'archive') return <DateArchiveView archive={found.archive} />;
  const { post, body } = found;
  const href = articleHref(post.url);
  return (
    <ArticleView
      post={post}
      body={body}
      jsonLd={articleJsonLd(seoOf(found), href)}
      canonical={absoluteUrl(href)}
      links={await getArticleLinks(post)}
      preview={found.preview ? href : null}
    />
  );
}
