// The headers every response carries (next.config.mjs `headers()`), above all the
// Content-Security-Policy. Plain JavaScript: the config reads it at build time.
//
// Scripts: the site's own files ('self') and, inline, only what is named by its SHA-256: the
// theme script here, and on each document the flight data and bootstrap Next writes into it,
// whose hashes Next adds to this policy per page (patches/next+16.4.6.patch,
// next/dist/server/lib/inline-script-csp.js). No 'unsafe-inline': a script a post smuggled
// past the sanitizer does not run. Styles keep 'unsafe-inline' (posts' text alignment).
import { createHash } from 'node:crypto';

import { THEME_SCRIPT } from './theme-script.mjs';

/** A CSP source naming an inline script by its SHA-256. */
export function scriptHash(text) {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/** The policy; `https`: the site is served over TLS (SITE_URL), so nothing loads over http. */
export function contentSecurityPolicy({ https }) {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHash(THEME_SCRIPT)}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' https: data:${https ? '' : ' http:'}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Every response's security headers, as next.config's `headers()` takes them. */
export function securityHeaders({ https }) {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy({ https }) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    {
      key: 'Permissions-Policy',
      value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-write=(self)',
    },
    ...(https
      ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }]
      : []),
  ];
}
