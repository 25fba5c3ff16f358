import { getFeed } from '@/lib/content/queries';
import { ATOM_HEADERS, atomFeed } from '@/lib/feed';
import { decodeParam } from '@/lib/format';
import { notFoundText } from '@/lib/http';

export const revalidate = 60;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

/** One category's Atom feed. */
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const feed = getFeed({ kind: 'category', name: decodeParam((await params).name) });
  if (!feed) return notFoundText('没有这个分类');
  return new Response(atomFeed(feed), { headers: ATOM_HEADERS });
}
