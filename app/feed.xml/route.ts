import { ATOM_HEADERS, atomFeed } from '@/lib/feed';
import { notFoundText } from '@/lib/http';
import { getFeed } from '@/lib/store';

export const revalidate = 60;

/** The site's Atom feed: the newest posts, with the ids jekyll-feed gave them. */
export async function GET() {
  const feed = await getFeed();
  if (!feed) return notFoundText('没有这个订阅源');
  return new Response(atomFeed(feed), { headers: ATOM_HEADERS });
}
