// Which posts of a live-news answer the reader has not seen. Pure; runs in the browser.

type Dated = { key: string; datetime: string };

/**
 * The posts of `items` (newest first) that the reader does not have (`known`) and that are news:
 * above the last post the reader has, or dated no earlier than the newest one. So a post dated
 * the same minute as a known one, sorted below it, is news; an older post that a deletion let
 * into the newest few is not. When the reader has none of them (far behind), all are news.
 */
export function newsIn<T extends Dated>(items: T[], known: ReadonlySet<string>): T[] {
  let last = -1;
  let newest = -Infinity;
  items.forEach((item, i) => {
    if (!known.has(item.key)) return;
    last = i;
    newest = Math.max(newest, Date.parse(item.datetime));
  });
  if (last < 0) return items;
  return items.filter(
    (item, i) => !known.has(item.key) && (i < last || Date.parse(item.datetime) >= newest),
  );
}
