// The shared reference data beside the checkout (../shared: the real posts, the awkward corpus,
// the seed). A plain clone has none and its tests that need it do not run; under CI=true it must
// be there, so a missing folder fails loudly instead of running zero tests.
import fs from 'node:fs';
import path from 'node:path';

export const SHARED = path.resolve(process.cwd(), '../shared');

function present(): boolean {
  const found = fs.existsSync(path.join(SHARED, 'corpus'));
  if (!found && process.env.CI === 'true') {
    throw new Error(
      `${SHARED} is missing, but CI=true: CI checks out the shared reference data beside the project. Put it there, or unset CI to run without it.`,
    );
  }
  return found;
}

/** Whether ../shared is there (throws under CI=true when it is not). */
export const hasShared = present();

/** Whether ../shared holds the seed post (`seed/*.txt`), as scripts/e2e-content.mjs copies it. */
export const hasSeed =
  hasShared &&
  fs.existsSync(path.join(SHARED, 'seed')) &&
  fs.readdirSync(path.join(SHARED, 'seed')).some((name) => name.endsWith('.txt'));
