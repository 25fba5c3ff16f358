// Before the run: a run that was killed outright (no teardown) may have left processes it
// recorded; they are stopped first, so they hold no port or file this run needs.
import { stopRecorded } from './processes';

export default async function globalSetup() {
  const left = await stopRecorded();
  if (left.length)
    console.warn(
      `[e2e] stopped ${left.length} process(es) an earlier run left: ${left.join('; ')}`,
    );
}
