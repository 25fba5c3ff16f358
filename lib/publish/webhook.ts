// The publishing endpoint's work, from request to answer: size limit, signature or token,
// GitHub's event, branch and delivery id, `git pull` where configured, then re-indexing and
// revalidating exactly the touched pages. The route passes in the index and Next's revalidation.
import 'server-only';

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { ContentIndex } from '@/lib/content/db';
import { claimDelivery } from '@/lib/content/history';
import { publishChanges } from '@/lib/publish/publish';
import {
  filesFromCall,
  filesFromPush,
  verifyBearer,
  verifyGithubSignature,
} from '@/lib/publish/requests';

export const MAX_BODY = 5 * 1024 * 1024;
const run = promisify(execFile);

export type WebhookSettings = {
  /** GITHUB_WEBHOOK_SECRET and REVALIDATE_TOKEN; an empty one accepts nothing. */
  secret: string;
  token: string;
  /** CONTENT_BRANCH: the branch whose pushes publish (default: the repository's default). */
  branch: string;
  /** CONTENT_GIT_PULL=1: `git pull --ff-only` in the content folder first. */
  gitPull: boolean;
  contentDir: string;
  pageSize: number;
};

export type WebhookDeps = {
  settings: WebhookSettings;
  index: () => Promise<ContentIndex>;
  /** Next's revalidatePath. */
  revalidate: (path: string, type?: 'page') => void;
};

function reply(status: number, body: Record<string, unknown>): Response {
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

/** The content files a GitHub push names, or the answer when there is nothing to publish. */
async function filesOfPush(request: Request, payload: unknown, deps: WebhookDeps) {
  const event = request.headers.get('x-github-event');
  if (event === 'ping') return reply(200, { ok: true, pong: true });
  if (event !== 'push') return reply(202, { ignored: `event ${event ?? '(none)'}` });
  const push = (payload ?? {}) as { ref?: unknown; repository?: { default_branch?: unknown } };
  const branch = deps.settings.branch || String(push.repository?.default_branch ?? 'main');
  if (push.ref !== `refs/heads/${branch}`) {
    return reply(202, { ignored: `ref ${String(push.ref)} is not ${branch}` });
  }
  const delivery = request.headers.get('x-github-delivery');
  if (delivery && !claimDelivery(await deps.index(), delivery, Date.now())) {
    return reply(200, { duplicate: delivery });
  }
  return filesFromPush(push as Parameters<typeof filesFromPush>[0]);
}

/**
 * Publishing: a GitHub push webhook (signed with the secret) or a JSON call with
 * `Authorization: Bearer <token>` naming changed files.
 */
export async function handleWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  const { settings } = deps;
  const body = await readBody(request);
  if (!body) return reply(413, { error: `body larger than ${MAX_BODY / 1024 / 1024} MB` });

  const signature = request.headers.get('x-hub-signature-256');
  const github = signature !== null;
  const allowed = github
    ? verifyGithubSignature(settings.secret, body, signature)
    : verifyBearer(settings.token, request.headers.get('authorization'));
  if (!allowed) {
    return reply(401, {
      error: github ? 'signature does not match' : 'missing or wrong bearer token',
    });
  }

  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (error) {
    return reply(400, { error: `body is not JSON: ${(error as Error).message}` });
  }

  const files = github ? await filesOfPush(request, payload, deps) : filesFromCall(payload);
  if (files instanceof Response) return files;
  if (!files) {
    return reply(400, {
      error: 'expected {"files": ["_posts/…"]} or {"added": [], "modified": [], "removed": []}',
    });
  }

  let pulled: string | undefined;
  if (settings.gitPull) {
    try {
      const out = await run('git', ['pull', '--ff-only'], {
        cwd: settings.contentDir,
        timeout: 60_000,
      });
      pulled = out.stdout.trim();
    } catch (error) {
      const message = (error as Error).message;
      return reply(502, { error: `git pull --ff-only in the content folder failed: ${message}` });
    }
  }

  const started = performance.now();
  const result = await publishChanges(await deps.index(), files, { pageSize: settings.pageSize });
  for (const path of result.paths) {
    deps.revalidate(path);
    const decoded = decodeURI(path);
    if (decoded !== path) deps.revalidate(decoded);
  }
  for (const pattern of result.patterns) deps.revalidate(pattern, 'page');
  return reply(200, {
    files,
    pulled,
    indexed: result.scan,
    revalidated: result.paths.length + result.patterns.length,
    problems: result.problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`),
    ms: Math.round(performance.now() - started),
  });
}
