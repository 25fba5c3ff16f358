// The Chromium that tests and scripts drive: Playwright's own where it is installed (a laptop),
// else Debian's (`apt-get install chromium`: CI, servers), with the flags a container needs.
import fs from 'node:fs';

import { chromium } from '@playwright/test';

/** Flags for Debian's Chromium as root in a container, without its background traffic. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright's launch options: none for its own browser, else Debian's with CHROMIUM_FLAGS. */
export function launchOptions() {
  if (fs.existsSync(chromium.executablePath())) return {};
  return { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS };
}

/** The browser's executable, for tools that launch it themselves (Lighthouse). */
export function chromiumPath() {
  return launchOptions().executablePath ?? chromium.executablePath();
}
