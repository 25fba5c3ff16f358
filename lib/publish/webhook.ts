// The publishing endpoint's work, from request to answer: size limit, signature or token,
// GitHub's event, branch and delivery id, `git pull` where configured, then re-indexing and
// revalidating exactly the touched pages. A delivery id counts as handled only once its work
// succeeded, so GitHub's "Redeliver" of a failed one does the work again.
import 'server-only';

import type { ContentIndex } from '@/lib/content/db';
import { isDelivered, recordDelivery } from '@/lib/content/history';
import { forgetHotPages } from '@/lib/hot-pages';
import { pullContent, PullError } from '@/lib/publish/git';
import { publishChanges } from '@/lib/publish/publish';
import {
  filesFromCall,
  type Published,
  filesFromPush,
  verifyBearer,
  verifyGithubSignature,
} from '@/lib/publish/requests';

export const MAX_BODY = 5 * 1024 * 1024;

export type WebhookSettings = {
  /** GITHUB_WEBHOOK_SECRET and REVALIDATE_TOKEN; an empty one accepts nothing. */
  secret: string;
  token: string;
  /** The server's own token for its background safety net (never configured, never shown). */
  internalToken: string;
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
  revalidate: (path: string, type?: 'page' | 'layout') => void;
  /** Tells the other instances which files changed (lib/fanout.ts), after re-indexing them. */
  announce?: (files: string[]) => Promise<void>;
};

type Caller = 'github' | 'token' | 'internal';

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

/** Whether the request carries the bearer token or the server's own, judged from headers only. */
function bearer(request: Request, settings: WebhookSettings): Caller | null {
  const auth = request.headers.get('authorization');
  if (verifyBearer(settings.token, auth)) return 'token';
  return verifyBearer(settings.internalToken, auth) ? 'internal' : null;
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
  if (delivery && isDelivered(await deps.index(), delivery)) {
    return reply(200, { duplicate: delivery });
  }
  return filesFromPush(push as Parameters<typeof filesFromPush>[0]);
}

/** Pulls (where configured), re-indexes the files and revalidates every page they touch. */
async function publish(files: Published, who: Caller, deps: WebhookDeps) {
  const { settings } = deps;
  // The background safety net pulls before it calls.
  const pulled =
    settings.gitPull && who !== 'internal' ? await pullContent(settings.contentDir) : undefined;
  const started = performance.now();
  const result = await publishChanges(await deps.index(), files, { pageSize: settings.pageSize });
  // Re-indexed, then announced, then revalidated: no instance renders from a stale index.
  if (who !== 'internal' && Array.isArray(files)) await deps.announce?.(files);
  for (const path of result.paths) {
    deps.revalidate(path);
    const decoded = decodeURI(path);
    if (decoded !== path) deps.revalidate(decoded);
  }
  for (const pattern of result.patterns) deps.revalidate(pattern, 'page');
  if (result.everything) deps.revalidate('/', 'layout');
  // Pages kept hot in front of Next would hide the change for their last second or two.
  forgetHotPages();
  return {
    files,
    pulled,
    indexed: result.scan,
    revalidated: result.everything ? 'every page' : result.paths.length + result.patterns.length,
    problems: result.problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`),
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Publishing: a GitHub push webhook (signed with the secret) or a JSON call with
 * `Authorization: Bearer <token>` naming changed files.
 */
export async function handleWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  // Floods are answered from the headers alone: no body is read before a caller is trusted,
  // except the bounded body a GitHub signature is computed over.
  const signature = request.headers.get('x-hub-signature-256');
  let who = signature === null ? bearer(request, deps.settings) : null;
  if (signature === null && !who) return reply(401, { error: 'missing or wrong bearer token' });
  if (signature !== null && !deps.settings.secret) {
    return reply(401, {
      error: 'GitHub deliveries are not accepted: GITHUB_WEBHOOK_SECRET is not set',
    });
  }
  const body = await readBody(request);
  if (!body) return reply(413, { error: `body larger than ${MAX_BODY / 1024 / 1024} MB` });
  if (signature !== null) {
    if (!verifyGithubSignature(deps.settings.secret, body, signature)) {
      return reply(401, { error: 'signature does not match' });
    }
    who = 'github';
  }
  if (!who) return reply(401, { error: 'missing or wrong bearer token' });

  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (error) {
    return reply(400, { error: `body is not JSON: ${(error as Error).message}` });
  }
  const files =
    who === 'github' ? await filesOfPush(request, payload, deps) : filesFromCall(payload);
  if (files instanceof Response) return files;
  if (!files) {
    return reply(400, {
      error: 'expected {"files": ["_posts/…"]} or {"added": [], "modified": [], "removed": []}',
    });
  }

  try {
    const result = await publish(files, who, deps);
    const delivery = request.headers.get('x-github-delivery');
    if (who === 'github' && delivery) recordDelivery(await deps.index(), delivery, Date.now());
    return reply(200, result);
  } catch (error) {
    if (!(error instanceof PullError)) throw error;
    // Not recorded as delivered: a redelivery after the checkout is fixed publishes.
    return reply(502, { error: `${error.message}. Fix the checkout, then redeliver` });
  }
}
