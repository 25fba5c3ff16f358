// A post as one entry of a list, in plain serializable data: what the server's lists render and
// what the live-news endpoint sends to the browser, so both draw the same card. Pure.
import { dayHref } from '@/lib/archive-paths';
import { articleHref, displayDateTime, excerptBeyond, isoInZone, truncate } from '@/lib/format';
import { labelled, termHref, termLabel, type TermNames } from '@/lib/terms';
import type { PostMeta } from '@/lib/types';

export type TermLink = { href: string; label: string };

export type PostCardData = {
  /** The post's file: a stable key. */
  key: string;
  href: string;
  title: string;
  excerpt: string;
  /** ISO 8601 with the site zone's offset, and as readers see it. */
  datetime: string;
  when: string;
  /** The site-wide archive of the post's day, where its time links to. */
  day: string | null;
  categories: TermLink[];
};

export function termLinks(
  kind: 'category' | 'tag',
  names: string[],
  labels: TermNames,
): TermLink[] {
  return names.map((name) => {
    const term = labelled({ kind, name }, labels);
    return { href: termHref(term), label: termLabel(term) };
  });
}

export function toCard(post: PostMeta, labels: TermNames): PostCardData {
  const title = truncate(post.title, 80);
  return {
    key: post.path,
    href: articleHref(post.url),
    title,
    excerpt: excerptBeyond(post.title, post.excerpt),
    datetime: isoInZone(post.date),
    when: displayDateTime(post.date),
    day: dayHref(post.date),
    categories: termLinks('category', post.categories, labels),
  };
}
