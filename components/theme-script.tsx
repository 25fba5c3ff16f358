import { THEME_SCRIPT } from '@/lib/theme-script.mjs';

/**
 * Sets the theme on <html> before the first paint: the reader's choice (saved by ThemeToggle),
 * else the system's. Inline, so no flash of the wrong theme; the one other inline script besides
 * JSON-LD, its text a constant the Content-Security-Policy names by its hash.
 */
export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />;
}
