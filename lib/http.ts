// Small responses shared by the route handlers that are not pages (feeds, sitemaps).

/** A plain-text 404 in the reader's language. */
export function notFoundText(message: string): Response {
  return new Response(`${message}\n`, {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
