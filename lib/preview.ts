// Editors' preview (Next's draft mode): who may turn it on (DRAFT_SECRET, compared in constant
// time) and which post file the preview shows (a cookie beside Next's own draft cookie).
import 'server-only';

import { safeEqual } from '@/lib/publish/requests';

/** Holds the previewed file, `_posts/…`; read only while draft mode is on. */
export const PREVIEW_COOKIE = 'finews_preview';

/** Whether `given` is the configured secret; never true while DRAFT_SECRET is unset. */
export function previewAllowed(given: string | null): boolean {
  const secret = process.env.DRAFT_SECRET ?? '';
  return Boolean(secret && given && safeEqual(secret, given));
}

/** A same-site path to go back to, or home. */
export function safeReturnPath(value: string | null): string {
  return value && /^\/(?![/\\])/.test(value) ? value : '/';
}
