import { cookies, draftMode } from 'next/headers';
import { redirect } from 'next/navigation';

import { articleHref } from '@/lib/format';
import { PREVIEW_COOKIE, previewAllowed } from '@/lib/preview';
import { getPreview } from '@/lib/store';

// `/api/draft?secret=…&path=_posts/x.md`: an editor sees that post file as its article page.
export const dynamic = 'force-dynamic';

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  if (!previewAllowed(params.get('secret'))) {
    return text(401, '预览密钥不正确 (wrong or missing secret): nothing changed');
  }
  const file = params.get('path') ?? '';
  const preview = await getPreview(file);
  if (preview?.kind !== 'post') {
    return text(
      404,
      `${file || '(no path)'}: no readable post file there. Pass its path in the content repository, e.g. path=_posts/2024-03-01-x.md, and run npm run check-content for errors`,
    );
  }
  (await draftMode()).enable();
  (await cookies()).set(PREVIEW_COOKIE, file.replace(/^\/+/, ''), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
  });
  redirect(articleHref(preview.post.url));
}
