import { expect, test } from '@playwright/test';

import { PAGE_TYPES } from './support/pages';

// Every page type carries the security headers, and the pages really satisfy the
// Content-Security-Policy: Chromium reports no violation and no console error on any of them.

test('every page type carries the security headers and breaks none of its policy', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const errors: string[] = [];
  page.on('console', (message) => {
    // The 404 page's own status shows as a failed resource load: that one is expected.
    if (message.type() === 'error' && !/status of 404/.test(message.text())) {
      errors.push(`${page.url()}: ${message.text()}`);
    }
  });

  for (const path of PAGE_TYPES) {
    const response = await page.goto(path);
    const headers = response!.headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy'], path).toContain("object-src 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy'], path).toContain('camera=()');
    // The e2e build's SITE_URL is https: browsers are told to stay on https.
    expect(headers['strict-transport-security'], path).toMatch(/max-age=\d{7,}/);
    await page.waitForLoadState('networkidle');
    const violations = await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
    expect(violations, path).toEqual([]);
  }
  expect(errors).toEqual([]);
});

test('feeds, the sitemap and the API carry the headers too', async ({ request }) => {
  for (const path of ['/feed.xml', '/sitemap.xml', '/robots.txt', '/api/health']) {
    const response = await request.get(path);
    expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
    expect(response.headers()['content-security-policy'], path).toContain("default-src 'self'");
  }
});
