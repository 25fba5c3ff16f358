import { toCard } from '@/lib/cards';
import { LIVE_CACHE_CONTROL, LIVE_LIMIT, liveBody, liveList, matches } from '@/lib/live';
import { getLatest, getTermNames } from '@/lib/store';

// `/api/live?list=home|category/<slug>|tag/<name>`: the newest posts of a list, for open pages to
// learn of news. Read from the index on every request (never from this process's memory), so any
// instance answers alike; a conditional GET with the last ETag costs one indexed query and a 304.
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const list = liveList(new URL(request.url).searchParams.get('list'));
  if (list === undefined) {
    return new Response('list must be home, category/<slug> or tag/<name>\n', { status: 400 });
  }
  const names = getTermNames();
  const posts = await getLatest(list, LIVE_LIMIT);
  const { body, etag } = liveBody(posts.map((post) => toCard(post, names)));
  const headers = { ETag: etag, 'Cache-Control': LIVE_CACHE_CONTROL };
  if (matches(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, {
    headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
  });
}
