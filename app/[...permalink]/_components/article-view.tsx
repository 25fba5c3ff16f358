import { ArticleLinks } from '@/app/[...permalink]/_components/article-links';
import { JsonLd } from '@/app/[...permalink]/_components/json-ld';
import { ShareBox } from '@/app/[...permalink]/_components/share-box';
import { PostDate } from '@/components/post-date';
import { Prose } from '@/components/prose';
import { TermLinks } from '@/components/term-links';
import type { RenderedPost } from '@/lib/render';
import type { PostMeta } from '@/lib/types';

/** Past this many characters of text a reader is offered a way back to the top. */
const LONG_TEXT = 1200;

function PreviewBanner({ href }: { href: string }) {
  return (
    <aside
      aria-label="预览模式"
      className="mb-4 rounded border border-amber-500 bg-amber-100 px-4 py-2 text-sm text-amber-950 print:hidden"
    >
      <strong>预览模式</strong>：只有你能看到这个版本（未发布、定时或尚未收录的文章也会显示）。{' '}
      <a href={`/api/draft/disable?to=${encodeURIComponent(href)}`} className="underline">
        退出预览
      </a>
    </aside>
  );
}

export function ArticleView({
  post,
  body,
  jsonLd,
  canonical,
  links,
  preview,
}: {
  post: PostMeta;
  body: RenderedPost;
  /** schema.org data describing the article for search engines. */
  jsonLd: object;
  /** The article's absolute URL: shared, encoded in the QR code, printed. */
  canonical: string;
  links: { older: PostMeta | null; newer: PostMeta | null; related: PostMeta[] };
  /** In an editor's preview: the article's path (to leave the preview from), else null. */
  preview: string | null;
}) {
  return (
    <>
      {preview ? <PreviewBanner href={preview} /> : null}
      <article className="bg-card rounded-lg px-4 py-6 shadow-sm sm:px-8 print:p-0 print:shadow-none">
        {preview ? null : <JsonLd data={jsonLd} />}
        <header className="border-line border-b pb-4">
          <h1 className="text-ink text-2xl leading-snug font-bold break-words sm:text-3xl">
            {post.title}
          </h1>
          <div className="text-muted mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <PostDate date={post.date} />
            <TermLinks kind="category" names={post.categories} />
          </div>
        </header>
        <div className="mt-6">
          <Prose html={body.html} />
        </div>
        <footer className="border-line text-muted mt-8 space-y-3 border-t pt-4 text-sm">
          {body.sourceUrl ? (
            <p className="print:hidden">
              <a
                href={body.sourceUrl}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="text-accent hover:underline"
              >
                阅读原文
              </a>
            </p>
          ) : null}
          <TermLinks kind="tag" names={post.tags} />
          <p className="hidden print:block">本文链接：{canonical}</p>
          <ShareBox url={canonical} />
        </footer>
      </article>
      <ArticleLinks {...links} />
      {body.text.length > LONG_TEXT ? (
        <p className="mt-6 text-right text-sm print:hidden">
          <a href="#top" className="text-accent hover:underline">
            回到顶部 ↑
          </a>
        </p>
      ) : null}
    </>
  );
}
