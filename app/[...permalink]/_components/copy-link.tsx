'use client';

import { useState } from 'react';

type State = 'idle' | 'copied' | 'failed';
const MESSAGE: Record<State, string> = {
  idle: '',
  copied: '链接已复制',
  failed: '无法自动复制，请手动复制上面的链接',
};

/** Copies the article's URL, saying so in a live region (or showing the URL to copy by hand). */
export function CopyLink({ url }: { url: string }) {
  const [state, setState] = useState<State>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={copy}
        className="border-line text-ink hover:border-accent hover:text-accent rounded border px-3 py-1.5"
      >
        复制链接
      </button>
      {state === 'failed' ? (
        <input
          readOnly
          value={url}
          aria-label="文章链接"
          onFocus={(e) => e.currentTarget.select()}
          className="border-line bg-card text-ink block w-full rounded border px-2 py-1"
        />
      ) : null}
      <p role="status" className="text-muted min-h-5">
        {MESSAGE[state]}
      </p>
    </div>
  );
}
