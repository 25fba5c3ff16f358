'use client';

import { useEffect, useRef, useState } from 'react';

import { PostCard } from '@/components/post-card';
import type { PostCardData } from '@/lib/cards';
import { newsIn } from '@/lib/news';

/** Asks `/api/live` every `seconds` (with the last ETag) while the page is visible. */
function usePolling(list: string, seconds: number, onItems: (items: PostCardData[]) => void) {
  const latest = useRef(onItems);
  useEffect(() => {
    latest.current = onItems;
  });
  useEffect(() => {
    let etag: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = () => {
      clearTimeout(timer);
      // A little jitter, so readers who opened the page together do not ask together.
      if (!stopped && !document.hidden)
        timer = setTimeout(poll, seconds * (900 + Math.random() * 200));
    };
    async function poll() {
      try {
        const response = await fetch(`/api/live?list=${encodeURIComponent(list)}`, {
          cache: 'no-store',
          headers: etag ? { 'If-None-Match': etag } : {},
        });
        if (response.status === 200) {
          etag = response.headers.get('ETag');
          latest.current(((await response.json()) as { items: PostCardData[] }).items);
        }
      } catch {
        // Offline or a restart: ask again at the next turn.
      }
      schedule();
    }
    const onVisibility = () => (document.hidden ? clearTimeout(timer) : void poll());
    document.addEventListener('visibilitychange', onVisibility);
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [list, seconds]);
}

/**
 * News for an open list page: says "有 N 条新快讯" in a live region and, when the reader asks,
 * shows the new posts above the list, without reloading the page.
 */
export function LiveNews({
  list,
  seen,
  seconds,
}: {
  list: string;
  seen: string[];
  seconds: number;
}) {
  const [latest, setLatest] = useState<PostCardData[]>([]);
  const [shown, setShown] = useState<PostCardData[]>([]);
  const added = useRef<HTMLOListElement>(null);
  usePolling(list, seconds, setLatest);
  const known = new Set([...seen, ...shown.map((card) => card.key)]);
  const news = newsIn(latest, known);
  function show() {
    setShown((before) => [...news, ...before]);
    requestAnimationFrame(() => added.current?.querySelector('a')?.focus());
  }
  const count =
    news.length < latest.length || latest.length === 0 ? `${news.length}` : `${news.length}+`;
  return (
    <>
      <div role="status" className="mt-3">
        {news.length > 0 ? (
          <button
            type="button"
            onClick={show}
            className="border-accent text-accent hover:bg-chip w-full rounded border px-3 py-2"
          >
            有 {count} 条新快讯，点击查看
          </button>
        ) : null}
      </div>
      {shown.length > 0 ? (
        <ol ref={added} aria-label="新快讯" className="divide-line border-line divide-y border-b">
          {shown.map((card) => (
            <PostCard key={card.key} card={card} />
          ))}
        </ol>
      ) : null}
    </>
  );
}
