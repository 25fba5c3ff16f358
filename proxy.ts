import { NextResponse, type NextRequest } from 'next/server';

import { getOldArticleTarget } from '@/lib/store';
import { articleHref } from '@/lib/format';

/**
 * Jekyll read zone-less dates as UTC, so posts from 16:00 Beijing on got URLs with the next
 * day. Those URLs answer with a permanent redirect, sent from here rather than from the page:
 * Next 16 sends `Location` twice for redirects from ISR pages (vercel/next.js#82117).
 */
export async function proxy(request: NextRequest) {
  let path: string;
  try {
    path = decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.next();
  }
  const target = await getOldArticleTarget(path);
  if (!target) return NextResponse.next();
  return NextResponse.redirect(new URL(articleHref(target), request.nextUrl), 308);
}

export const config = {
  // Only article-shaped paths: /…/YYYY/MM/DD/slug
  matcher: '/:prefix*/:year(\\d{4})/:month(\\d{2})/:day(\\d{2})/:slug',
};
