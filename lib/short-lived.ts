// Shortens the cache life of the page being rendered. The catch-all route keeps what it renders
// for a day (a date archive that is over never changes); every other answer it gives calls
// `shortLived()` and is refreshed within SHORT_LIVED seconds, like the other pages.
import 'server-only';

import { unstable_cache } from 'next/cache';

export const SHORT_LIVED = 60;

// Next 16 lowers the revalidate of an ISR page (its `prerender-legacy` render) to that of any
// unstable_cache read during the render; this one caches a constant, so the read costs one
// lookup in the ISR cache and nothing else.
const marker = unstable_cache(async () => 0, ['short-lived'], { revalidate: SHORT_LIVED });

/** Makes the page being rendered revalidate within SHORT_LIVED seconds. */
export async function shortLived(): Promise<void> {
  await marker();
}
