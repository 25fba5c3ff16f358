import { getHealth } from '@/lib/store';

export const dynamic = 'force-dynamic';

/** For load balancers: 200 once the index is ready (`degraded` while Redis is down), else 503. */
export function GET() {
  const health = getHealth();
  return Response.json(health, {
    status: health.status === 'starting' ? 503 : 200,
    headers: { 'Cache-Control': 'no-store' },
  });
}
