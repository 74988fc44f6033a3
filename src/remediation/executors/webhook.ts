/**
 * The webhook executor: POSTs the approved action (or its rollback) as JSON to the team's own
 * automation. The body is signed with HMAC-SHA256 over `<timestamp>.<body>` (header
 * `X-Penny-Signature: sha256=<hex>`, `X-Penny-Timestamp`), so the receiver can check it came from
 * Penny and is fresh; `Idempotency-Key` is the proposal id and phase, the same on every retry, so
 * a receiver that honours it acts once. 5xx answers and network errors are retried; 4xx are not,
 * and a redirect is not followed (the signed action goes only where it was configured to).
 *
 * Webhook URLs often carry a token in their path or query, and what this returns or throws goes to
 * the Slack thread and the append-only audit log: the receiver is named by scheme and host only,
 * and its path and query are cut out of anything it answers (error pages echo the path).
 */
import { createHmac } from 'node:crypto';
import type { RemediationConfig } from '../config.ts';
import type { Proposal } from '../store.ts';
import type { ActionExecutor, Phase } from './executor.ts';

type WebhookConfig = NonNullable<RemediationConfig['webhook']>;

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A 4xx answer: the receiver understood and said no; retrying will not change that. */
class Refused extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Replaces the URL's secret-bearing parts (path, query, each query value) in text from or about the receiver. */
function redactor(url: string): (text: string) => string {
  const u = new URL(url);
  const secrets = [url, u.pathname + u.search, u.search, ...u.searchParams.values(), u.pathname].filter((s) => s.length > 1).sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((out, s) => out.replaceAll(s, s === url ? u.origin : '[redacted]'), text);
}

/** fetch's "fetch failed" hides the reason (ECONNREFUSED, a TLS error) in its cause. */
function networkReason(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
}

export function webhookExecutor(hook: WebhookConfig, options: { retries?: number; retryDelayMs?: number; timeoutMs?: number } = {}): ActionExecutor {
  const retries = options.retries ?? 3;
  const host = new URL(hook.url).origin;
  const redact = redactor(hook.url);
  return {
    async run(p: Proposal, phase: Phase) {
      const idempotencyKey = `${p.id}:${phase}`;
      const body = JSON.stringify({
        idempotencyKey,
        proposalId: p.id,
        phase,
        action: phase === 'apply' ? p.action : p.rollback,
        finding: { fingerprint: p.findingFingerprint, scope: p.findingScope },
        approvedBy: p.decidedBy,
        approvedAt: p.decidedAt,
      });
      const what = phase === 'apply' ? p.action.kind : p.rollback.kind;
      for (let attempt = 0; ; attempt++) {
        const timestamp = String(Math.floor(Date.now() / 1000));
        let failure: string;
        try {
          const res = await fetch(hook.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, 'x-penny-timestamp': timestamp, 'x-penny-signature': signature(hook.secret, timestamp, body) },
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
          });
          const text = redact((await res.text()).slice(0, 500));
          if (res.ok) return { summary: `${host} accepted ${what} (HTTP ${res.status})`, status: res.status, response: text, idempotencyKey, attempts: attempt + 1 };
          if (res.status < 400) throw new Refused(`${host} refused ${what}: HTTP ${res.status} (redirects are not followed)`);
          if (res.status < 500) throw new Refused(`${host} refused ${what}: HTTP ${res.status} ${text}`);
          failure = `HTTP ${res.status} ${text}`;
        } catch (err) {
          if (err instanceof Refused) throw err;
          failure = redact(networkReason(err as Error));
        }
        if (attempt >= retries) throw new Error(`${host} failed after ${attempt + 1} attempts: ${failure}`);
        await sleep((options.retryDelayMs ?? 500) * 2 ** attempt);
      }
    },
  };
}
