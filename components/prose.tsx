/**
 * The one place content HTML enters the page; it comes only from `lib/render.ts` (or, for a
 * body over the renderer's limits, its plain-text stand-in `lib/render-fallback.ts`).
 */
export function Prose({ html }: { html: string }) {
  return (
    <div
      className="prose prose-stone prose-a:text-accent dark:prose-invert prose-img:mx-auto prose-img:h-auto prose-img:max-w-full prose-img:rounded max-w-none break-words [&_.render-notice]:rounded [&_.render-notice]:bg-amber-50 [&_.render-notice]:px-3 [&_.render-notice]:py-2 [&_.render-notice]:text-sm [&_.render-notice]:text-amber-900 [&_p]:leading-8"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
