import { JsonLd } from '@/app/[...permalink]/_components/json-ld';
import { PostDate } from '@/components/post-date';
import { Prose } from '@/components/prose';
import { TermLinks } from '@/components/term-links';
import type { Post } from '@/lib/types';

export function ArticleView({
  post,
  html,
  sourceUrl,
  jsonLd,
}: {
  post: Post;
  html: string;
  sourceUrl: string | null;
  /** schema.org data describing the article for search engines. */
  jsonLd: object;
}) {
  return (
    <article className="rounded-lg bg-white px-4 py-6 shadow-sm sm:px-8">
      <JsonLd data={jsonLd} />
      <header className="border-b border-stone-200 pb-4">
        <h1 className="text-2xl leading-snug font-bold break-words text-stone-900 sm:text-3xl">
          {post.title}
        </h1>
        <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-stone-600">
          <PostDate date={post.date} />
          <TermLinks kind="category" names={post.categories} />
        </div>
      </header>
      <div className="mt-6">
        <Prose html={html} />
      </div>
      <footer className="mt-8 space-y-3 border-t border-stone-200 pt-4 text-sm text-stone-600">
        {sourceUrl ? (
          <p>
            <a
              href={sourceUrl}
              target="_blank"
              rel="noopener noreferrer nofollow"
              className="text-red-700 hover:underline"
            >
              阅读原文
            </a>
          </p>
        ) : null}
        <TermLinks kind="tag" names={post.tags} />
      </footer>
    </article>
  );
}
