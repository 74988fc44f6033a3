/**
 * `POST /github/webhook`: GitHub's pull_request events, signed with GITHUB_WEBHOOK_SECRET
 * (X-Hub-Signature-256, checked by @octokit/webhooks in constant time; 401 on a missing or wrong
 * signature; 413 for a body over GitHub's 25 MB cap, unread). `opened`, `synchronize` and
 * `reopened` are acknowledged with 202 at once — GitHub gives a delivery ten seconds — and
 * reviewed in the background, which posts the sticky comment. Each X-GitHub-Delivery is reviewed
 * once across replicas (claimed in Postgres); a redelivery of one already taken gets 200 and is
 * dropped, unless its review failed.
 */
import type http from 'node:http';
import type { Octokit } from '@octokit/rest';
import { Webhooks } from '@octokit/webhooks';
import type pg from 'pg';
import { logger } from '../log/logger.ts';
import { readBody } from '../server/body.ts';
import { DeliveryId, deliveries } from '../server/deliveries.ts';
import type { Handler, Route } from '../server/http.ts';
import { todayUtc } from '../costs/time.ts';
import { pullRefFromEvent } from './actions-event.ts';
import type { PublicPriceOptions } from '../review/compute-prices/public-prices.ts';
import type { CommentPolicy } from '../review/config.ts';
import { reviewPullRequest } from './review-pull-request.ts';
import type { Behavior } from './sticky-comment.ts';

const MAX_BODY = 25 * 1024 * 1024; // GitHub caps payloads at 25 MB
const REVIEWED_ACTIONS = new Set(['opened', 'synchronize', 'reopened']);

export interface WebhookOptions {
  secret: string;
  pool: pg.Pool;
  octokit: Octokit;
  timeoutMs: number;
  /** Fixed review date (tests); default today. */
  asOf?: string;
  retryDelayMs?: number;
  /** The login Penny comments as; else asked of GitHub. */
  login?: string;
  publicPrices?: PublicPriceOptions;
  comment?: CommentPolicy;
  behavior?: Behavior;
}

export interface WebhookHandler {
  route: Route;
  /** Resolves when every review started so far has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
}

function reply(res: http.ServerResponse, status: number, doc: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
}

export function githubWebhook(o: WebhookOptions): WebhookHandler {
  const webhooks = new Webhooks({ secret: o.secret });
  const taken = deliveries(o.pool);
  const running = new Set<Promise<void>>();
  const handle: Handler = async (req, res) => {
    const body = (await readBody(req, MAX_BODY)).toString('utf8');
    const signature = req.headers['x-hub-signature-256'];
    if (typeof signature !== 'string' || !(await webhooks.verify(body, signature).catch(() => false))) {
      return reply(res, 401, { error: 'signature does not match' });
    }
    const delivery = DeliveryId.safeParse(req.headers['x-github-delivery']);
    if (!delivery.success) return reply(res, 400, { error: 'missing or malformed X-GitHub-Delivery header' });
    const event = req.headers['x-github-event'];
    let payload: { action?: string };
    try {
      payload = JSON.parse(body) as { action?: string };
    } catch {
      return reply(res, 400, { error: 'body is not JSON' });
    }
    if (event !== 'pull_request' || !REVIEWED_ACTIONS.has(String(payload.action))) {
      return reply(res, 200, { ignored: `${String(event)}${payload.action ? `.${payload.action}` : ''}` });
    }
    let pr;
    try {
      pr = pullRefFromEvent(payload, 'pull_request payload');
    } catch (err) {
      return reply(res, 400, { error: (err as Error).message });
    }
    if (!(await taken.claim('github', delivery.data))) return reply(res, 200, { duplicate: delivery.data });
    const job = reviewPullRequest({
      octokit: o.octokit,
      pool: o.pool,
      pr,
      asOf: o.asOf ?? todayUtc(),
      timeoutMs: o.timeoutMs,
      ...(o.retryDelayMs !== undefined ? { retryDelayMs: o.retryDelayMs } : {}),
      ...(o.login ? { login: o.login } : {}),
      ...(o.publicPrices ? { publicPrices: o.publicPrices } : {}),
      ...(o.comment ? { comment: o.comment } : {}),
      ...(o.behavior ? { behavior: o.behavior } : {}),
    })
      .then((r) => logger.info({ pr: `${pr.owner}/${pr.repo}#${pr.number}`, monthlyDelta: r.result.monthlyDelta, comment: r.comment.action }, 'pull request reviewed'))
      .catch(async (err: unknown) => {
        logger.error({ err, pr: `${pr.owner}/${pr.repo}#${pr.number}`, delivery: delivery.data }, 'pull request review failed');
        // Redelivering it from GitHub's settings then reviews it again.
        await taken.release('github', delivery.data).catch(() => undefined);
      })
      .finally(() => running.delete(job));
    running.add(job);
    reply(res, 202, { reviewing: `${pr.owner}/${pr.repo}#${pr.number}`, head: pr.headSha });
  };
  return {
    route: { maxBodyBytes: MAX_BODY, handle },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
