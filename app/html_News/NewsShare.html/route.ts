import { articleHref } from '@/lib/format';
import { getUrlForSlug } from '@/lib/store';

export const dynamic = 'force-dynamic';

/** The old site's share page, `/html_News/NewsShare.html?infoCode=NW…`: 308 to the article. */
export async function GET(request: Request) {
  const code = new URL(request.url).searchParams.get('infoCode')?.trim() ?? '';
  const url = /^[\w-]{1,64}$/.test(code) ? await getUrlForSlug(code) : null;
  if (!url)
    return new Response('没有这篇文章', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(null, { status: 308, headers: { Location: articleHref(url) } });
}
