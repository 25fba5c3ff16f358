import { Pagination } from '@/components/pagination';
import { PostList } from '@/components/post-list';
import type { Page, PostMeta } from '@/lib/types';

/** A titled, paginated list of posts: home, category and tag pages share it. */
export function Listing({
  heading,
  intro,
  list,
  href,
}: {
  heading: string;
  intro?: string;
  list: Page<PostMeta>;
  href: (page: number) => string;
}) {
  return (
    <section>
      <h1 className="text-2xl font-bold break-words text-stone-900">{heading}</h1>
      {intro ? <p className="mt-1 text-sm text-stone-500">{intro}</p> : null}
      <PostList posts={list.items} />
      <Pagination page={list.page} pages={list.pages} href={href} />
    </section>
  );
}
