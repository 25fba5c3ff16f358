import { getFeed } from '@/lib/content/queries';
import { ATOM_HEADERS, atomFeed } from '@/lib/feed';
import { decodeParam } from '@/lib/format';
import { notFoundText } from '@/lib/http';

export const revalidate = 60;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

/** One tag's Atom feed, Chinese tags included. */
export async function GET(_request: Request, { params }: { params: Promise<{ tag: string }> }) {
  const feed = getFeed({ kind: 'tag', name: decodeParam((await params).tag) });
  if (!feed) return notFoundText('没有这个标签');
  return new Response(atomFeed(feed), { headers: ATOM_HEADERS });
}
