import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { revalidatePath } from 'next/cache';

import { claimWebhookDelivery, publishChanges } from '@/lib/content/store';
import { filesFromCall, filesFromPush, verifyBearer, verifyGithubSignature } from '@/lib/publish';
import { contentDir } from '@/lib/site';

export const dynamic = 'force-dynamic';

const MAX_BODY = 5 * 1024 * 1024;
const run = promisify(execFile);

function reply(status: number, body: Record<string, unknown>) {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

async function readBody(request: Request): Promise<Uint8Array | null> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return null;
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    size += chunk.value.length;
    if (size > MAX_BODY) {
      await reader?.cancel();
      return null;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

/**
 * Publishing: a GitHub push webhook (signed with GITHUB_WEBHOOK_SECRET) or a JSON call with
 * `Authorization: Bearer $REVALIDATE_TOKEN` naming changed files. Re-indexes exactly those
 * files and revalidates exactly the pages they touch.
 */
export async function POST(request: Request) {
  const body = await readBody(request);
  if (!body) return reply(413, { error: `body larger than ${MAX_BODY / 1024 / 1024} MB` });

  const signature = request.headers.get('x-hub-signature-256');
  const github = signature !== null;
  const allowed = github
    ? verifyGithubSignature(process.env.GITHUB_WEBHOOK_SECRET ?? '', body, signature)
    : verifyBearer(process.env.REVALIDATE_TOKEN ?? '', request.headers.get('authorization'));
  if (!allowed) return reply(401, { error: github ? 'signature does not match' : 'missing or wrong bearer token' });

  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (error) {
    return reply(400, { error: `body is not JSON: ${(error as Error).message}` });
  }

  let files: string[] | null;
  if (github) {
    const event = request.headers.get('x-github-event');
    if (event === 'ping') return reply(200, { ok: true, pong: true });
    if (event !== 'push') return reply(202, { ignored: `event ${event ?? '(none)'}` });
    const push = (payload ?? {}) as { ref?: unknown; repository?: { default_branch?: unknown } };
    const branch = process.env.CONTENT_BRANCH || String(push.repository?.default_branch ?? 'main');
    if (push.ref !== `refs/heads/${branch}`) return reply(202, { ignored: `ref ${String(push.ref)} is not ${branch}` });
    const delivery = request.headers.get('x-github-delivery');
    if (delivery && !claimWebhookDelivery(delivery)) return reply(200, { duplicate: delivery });
    files = filesFromPush(push as Parameters<typeof filesFromPush>[0]);
  } else {
    files = filesFromCall(payload);
    if (!files) return reply(400, { error: 'expected {"files": ["_posts/…"]} or {"added": [], "modified": [], "removed": []}' });
  }

  let pulled: string | undefined;
  if (process.env.CONTENT_GIT_PULL === '1') {
    try {
      pulled = (await run('git', ['pull', '--ff-only'], { cwd: contentDir(), timeout: 60_000 })).stdout.trim();
    } catch (error) {
      return reply(502, { error: `git pull --ff-only in the content folder failed: ${(error as Error).message}` });
    }
  }

  const started = performance.now();
  const result = publishChanges(files);
  for (const path of result.paths) {
    revalidatePath(path);
    const decoded = decodeURI(path);
    if (decoded !== path) revalidatePath(decoded);
  }
  for (const pattern of result.patterns) revalidatePath(pattern, 'page');
  return reply(200, {
    files,
    pulled,
    indexed: result.scan,
    revalidated: result.paths.length + result.patterns.length,
    problems: result.problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`),
    ms: Math.round(performance.now() - started),
  });
}
