/**
 * Structured data for search engines, as Next's JSON-LD guide renders it. The one other
 * dangerouslySetInnerHTML besides components/prose.tsx: a script element's text cannot be
 * escaped as HTML, so every `<` is written as `\u003c` and no tag can close the script early.
 */
export function JsonLd({ data }: { data: object }) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }}
    />
  );
}
