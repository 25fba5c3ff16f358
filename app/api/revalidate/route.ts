import { revalidatePath } from 'next/cache';

import { publishFromRequest } from '@/lib/store';

export const dynamic = 'force-dynamic';

/** Publishing: a signed GitHub push webhook or a bearer-token call (lib/publish/webhook.ts). */
export function POST(request: Request) {
  return publishFromRequest(request, revalidatePath);
}
