import Link from 'next/link';

import { PostDate } from '@/components/post-date';
import { TermLinks } from '@/components/term-links';
import { articleHref, truncate } from '@/lib/format';
import type { PostMeta } from '@/lib/types';

export function PostList({ posts }: { posts: PostMeta[] }) {
  return (
    <ol className="divide-y divide-stone-200">
      {posts.map((post) => (
        <li key={post.path} className="py-4">
          <h2 className="text-[17px] leading-snug font-semibold break-words text-stone-900">
            <Link href={articleHref(post.url)} className="hover:text-red-700">
              {truncate(post.title, 80)}
            </Link>
          </h2>
          {post.excerpt ? (
            <p className="mt-1 line-clamp-2 text-[15px] leading-relaxed text-stone-600">
              {post.excerpt}
            </p>
          ) : null}
          <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-[13px] text-stone-500">
            <PostDate date={post.date} />
            <TermLinks kind="category" names={post.categories} />
          </div>
        </li>
      ))}
    </ol>
  );
}
