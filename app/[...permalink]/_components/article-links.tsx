import Link from 'next/link';

import { PostDate } from '@/components/post-date';
import { articleHref, truncate } from '@/lib/format';
import type { PostMeta } from '@/lib/types';

function Neighbour({ post, label, rel }: { post: PostMeta; label: string; rel: 'prev' | 'next' }) {
  return (
    <Link
      href={articleHref(post.url)}
      rel={rel}
      className="border-line hover:border-accent block rounded border px-3 py-2"
    >
      <span className="text-muted block text-[13px]">{label}</span>
      <span className="text-ink block">{truncate(post.title, 60)}</span>
    </Link>
  );
}

/** Older and newer posts of the article's category, then posts sharing its tags. */
export function ArticleLinks({
  older,
  newer,
  related,
}: {
  older: PostMeta | null;
  newer: PostMeta | null;
  related: PostMeta[];
}) {
  return (
    <div className="mt-8 space-y-8 print:hidden">
      {older || newer ? (
        <nav aria-label="同分类的上一篇和下一篇" className="grid gap-3 sm:grid-cols-2">
          {older ? <Neighbour post={older} label="上一篇（更早）" rel="prev" /> : <span />}
          {newer ? <Neighbour post={newer} label="下一篇（更新）" rel="next" /> : null}
        </nav>
      ) : null}
      {related.length > 0 ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading" className="text-ink text-lg font-semibold">
            相关文章
          </h2>
          <ul className="divide-line mt-2 divide-y">
            {related.map((post) => (
              <li key={post.path} className="flex flex-wrap items-baseline gap-x-3 py-2">
                <Link href={articleHref(post.url)} className="text-ink hover:text-accent">
                  {truncate(post.title, 60)}
                </Link>
                <PostDate date={post.date} className="text-muted text-[13px]" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
