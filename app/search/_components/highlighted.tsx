import { highlight } from '@/lib/search-query';

/** Text with the search terms marked; every part stays text, whatever it holds. */
export function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  return (
    <>
      {highlight(text, terms).map((segment, i) =>
        segment.mark ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-amber-950">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
