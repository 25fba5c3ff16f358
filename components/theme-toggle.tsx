'use client';

import { useSyncExternalStore } from 'react';

import { THEME_KEY } from '@/lib/theme-script.mjs';

type Theme = 'light' | 'dark';
const CHANGED = 'finews-theme-change';
const SYSTEM = '(prefers-color-scheme: dark)';

function current(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function saved(): string | null {
  try {
    return localStorage.getItem(THEME_KEY);
  } catch {
    return null;
  }
}

function apply(theme: Theme) {
  document.documentElement.dataset.theme = theme;
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * Follows the system's theme until the reader picks one. Sets the theme when the inline script
 * could not: Next renders some 404s in the browser alone (vercel/next.js#95613), without it.
 */
function subscribe(notify: () => void) {
  const system = matchMedia(SYSTEM);
  const root = document.documentElement;
  if (!root.dataset.theme) {
    const choice = saved();
    root.dataset.theme =
      choice === 'dark' || choice === 'light' ? choice : system.matches ? 'dark' : 'light';
  }
  const follow = () => {
    if (!saved()) apply(system.matches ? 'dark' : 'light');
  };
  system.addEventListener('change', follow);
  window.addEventListener(CHANGED, notify);
  return () => {
    system.removeEventListener('change', follow);
    window.removeEventListener(CHANGED, notify);
  };
}

/** Switches between light and dark and remembers the choice on this device. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, current, () => null);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  function toggle() {
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // Private windows may refuse: the choice then lasts for this page only.
    }
    apply(next);
  }
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={theme === null ? undefined : theme === 'dark'}
      className="border-line text-ink hover:border-accent hover:text-accent rounded border px-2 py-1 text-[15px]"
    >
      深色模式
    </button>
  );
}
