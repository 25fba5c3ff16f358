/**
 * Sets the theme on <html> before the first paint: the reader's choice (saved by ThemeToggle),
 * else the system's. Inline, so no flash of the wrong theme; the one other inline script besides
 * JSON-LD, and its text is a constant.
 */
export const THEME_KEY = 'finews-theme';

const SCRIPT = `(function(){var d=document.documentElement,t;try{t=localStorage.getItem('${THEME_KEY}')}catch(e){}if(t!=='dark'&&t!=='light')t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';d.dataset.theme=t})()`;

export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
