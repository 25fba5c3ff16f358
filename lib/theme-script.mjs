// The script that sets the theme on <html> before the first paint, as text: the layout inlines
// it (components/theme-script.tsx) and the Content-Security-Policy allows it by its hash
// (lib/security-headers.mjs). Plain JavaScript, so next.config.mjs can read it too.

/** Where the reader's choice is kept (localStorage). */
export const THEME_KEY = 'finews-theme';

/** The reader's choice, else the system's, as `data-theme` on <html>. */
export const THEME_SCRIPT = `(function(){var d=document.documentElement,t;try{t=localStorage.getItem('${THEME_KEY}')}catch(e){}if(t!=='dark'&&t!=='light')t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';d.dataset.theme=t})()`;
