import { cookies, draftMode } from 'next/headers';
import { redirect } from 'next/navigation';

import { PREVIEW_COOKIE, safeReturnPath } from '@/lib/preview';

// The preview banner's "leave preview" link: draft mode off, back to the page (`?to=`).
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  (await draftMode()).disable();
  (await cookies()).delete(PREVIEW_COOKIE);
  redirect(safeReturnPath(new URL(request.url).searchParams.get('to')));
}
