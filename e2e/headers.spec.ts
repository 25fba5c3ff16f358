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

test("no inline script runs that the page did not name: the site's own do, an injected one does not", async ({
  page,
}) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(
        e.violatedDirective,
      ),
    ),
  );
  for (const path of ['/', '/gongxinweibao/2026/11/27/NW202611273198509973.html', '/search?q=a']) {
    const response = await page.goto(path);
    const policy = response!.headers()['content-security-policy'] ?? '';
    const scripts = /(?:^|;)\s*script-src([^;]*)/.exec(policy)?.[1] ?? '';
    expect(scripts, path).not.toContain("'unsafe-inline'");
    // The page's own scripts ran: it is hydrated and the theme toggle answers.
    const toggle = page.getByRole('button', { name: '深色模式' });
    const before = await page.locator('html').getAttribute('data-theme');
    await toggle.click();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', before ?? '');
    await toggle.click();
    // A script put into the page afterwards, as a sanitizer bypass would, is refused.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
      return (window as unknown as { __injected?: boolean }).__injected ?? false;
    });
    expect(ran, path).toBe(false);
    await expect.poll(() => violations.length, { message: path }).toBeGreaterThan(0);
    violations.length = 0;
  }
});
