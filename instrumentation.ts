// Runs once when a server process starts: its index opens at once (so /api/health turns ready
// without waiting for a reader), Redis and the fan-out of publishing when REDIS_URL is set, the
// background safety net, and a bounded shutdown on SIGTERM.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServerProcess } = await import('@/lib/server-process');
  startServerProcess();
}
