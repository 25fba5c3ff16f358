// After the run, passed, failed or interrupted: whatever a test started and did not stop (a
// failed beforeAll, a timed-out test, a worker that was killed) is stopped here, and named.
import { stopRecorded } from './processes';

export default async function globalTeardown() {
  const left = await stopRecorded();
  if (left.length)
    console.warn(`[e2e] stopped ${left.length} process(es) tests left running: ${left.join('; ')}`);
}
