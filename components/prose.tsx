/** The one place content HTML enters the page; it comes only from `lib/render.ts`. */
export function Prose({ html }: { html: string }) {
  return (
    <div
      className="prose prose-stone prose-a:text-red-700 prose-img:mx-auto prose-img:h-auto prose-img:max-w-full prose-img:rounded max-w-none break-words [&_p]:leading-8"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
