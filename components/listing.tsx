import { LiveNews } from '@/components/live-news';
import { Pagination } from '@/components/pagination';
import { PostList } from '@/components/post-list';
import { LIVE_POLL_SECONDS } from '@/lib/site';
import type { Page, PostMeta } from '@/lib/types';

/**
 * A titled, paginated list of posts: home, category, tag and day pages share it. `live`: the
 * list's name for live news (`home`, `category/<slug>`), shown on its first page only; `aside`:
 * links shown under the intro (into the date archives, to related lists).
 */
export function Listing({
  heading,
  intro,
  aside,
  list,
  href,
  live,
}: {
  heading: string;
  intro?: string;
  aside?: React.ReactNode;
  list: Page<PostMeta>;
  href: (page: number) => string;
  live?: string;
}) {
  return (
    <section>
      <h1 className="text-ink text-2xl font-bold break-words">{heading}</h1>
      {intro ? <p className="text-faint mt-1 text-sm">{intro}</p> : null}
      {aside ? <div className="text-muted mt-1 text-sm">{aside}</div> : null}
      {live && list.page === 1 ? (
        <LiveNews
          list={live}
          seen={list.items.map((post) => post.path)}
          seconds={LIVE_POLL_SECONDS}
        />
      ) : null}
      <PostList posts={list.items} />
      <Pagination page={list.page} pages={list.pages} href={href} />
    </section>
  );
}
