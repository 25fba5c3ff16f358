// What a catch-all URL is: an editor's preview, an article (an exact article URL or an alias
// always wins), a date archive, a redirect to where either lives now, or nothing.
import { cookies, draftMode } from 'next/headers';

import { articleHref, decodeParam } from '@/lib/format';
import { PREVIEW_COOKIE } from '@/lib/preview';
import type { RenderedPost } from '@/lib/render';
import { getArticle, getDateArchive, getPreview } from '@/lib/store';
import type { DateArchive } from '@/lib/date-archive';
import type { PostMeta } from '@/lib/types';

export type Resolved =
  | { kind: 'post'; post: PostMeta; body: RenderedPost; preview: boolean }
  | { kind: 'archive'; archive: DateArchive }
  | { kind: 'redirect'; url: string }
  | null;

/** In an editor's draft mode, the previewed file when it lives at `url`. Never in a cached render. */
async function previewAt(url: string) {
  if (!(await draftMode()).isEnabled) return null;
  const file = (await cookies()).get(PREVIEW_COOKIE)?.value;
  return file ? getPreview(file, url) : null;
}

export async function resolve(segments: string[]): Promise<Resolved> {
  const decoded = segments.map(decodeParam);
  const url = `/${decoded.join('/')}`;
  const preview = await previewAt(url);
  if (preview?.kind === 'post') return { ...preview, preview: true };
  const article = await getArticle(url);
  if (article?.kind === 'post') return { ...article, preview: false };
  if (article?.kind === 'redirect') return { kind: 'redirect', url: articleHref(article.url) };
  // Segment by segment: a category's name may hold a `/` (`%2F` in its segment).
  return getDateArchive(`/${decoded.map(encodeURIComponent).join('/')}`);
}
