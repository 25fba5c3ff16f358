// Runs once when a server process starts: the background safety net (lib/background.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startBackground } = await import('@/lib/background');
  startBackground();
}
