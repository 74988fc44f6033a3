/**
 * The webhook executor against a real HTTP receiver on 127.0.0.1 whose URL carries a token in its
 * path and query, as automation webhooks often do: what the executor returns or throws goes to the
 * Slack thread and the append-only audit log, so it must name the receiver by host only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookExecutor } from '../../src/remediation/executors/webhook.ts';
import type { Proposal } from '../../src/remediation/store.ts';

const SECRET = 'webhook-secret-0123456789';
const TOKEN_PATH = 'T0KEN-IN-PATH-5f2a9c';
const TOKEN_QUERY = 's3cr3t-in-query-81b7';

const proposal: Proposal = {
  id: '6f1c2c8e-8f7a-4d53-9a57-2b7e0c1d9a10',
  findingFingerprint: 'f'.repeat(32),
  findingScope: { resource_id: 'i-0abc' },
  executor: 'webhook',
  action: { kind: 'stop_instance', resourceId: 'i-0abc' },
  rollback: { kind: 'start_instance', resourceId: 'i-0abc' },
  title: 'Stop i-0abc',
  why: 'idle',
  evidence: {},
  savingsMonthly: 4000,
  currency: 'USD',
  risk: 'high',
  requestedBy: null,
  status: 'executing',
  createdAt: '',
  expiresAt: '',
  decidedBy: 'UADMIN0001',
  decidedAt: '',
  decisionReason: null,
  cardChannel: null,
  cardTs: null,
  result: null,
  rollbackResult: null,
};

/** How the receiver answers each request: a status and a body echoing the path, as many servers' error pages do. */
const answers: Array<{ status: number; location?: string }> = [];
const received: string[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    received.push(req.url ?? '');
    req.resume().on('end', () => {
      const { status, location } = answers.shift() ?? { status: 202 };
      res.writeHead(status, location ? { location } : {}).end(status < 300 ? 'queued' : `Cannot POST ${req.url}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const hook = (origin = base) => ({ url: `${origin}/hooks/${TOKEN_PATH}?token=${TOKEN_QUERY}`, secret: SECRET });
const run = (origin?: string) => webhookExecutor(hook(origin), { retries: 1, retryDelayMs: 1 }).run(proposal, 'apply');
/** The message the run failed with. */
const failure = (origin?: string) =>
  run(origin).then(
    () => '(accepted)',
    (err: Error) => err.message,
  );
const leaks = (text: string) => text.includes(TOKEN_PATH) || text.includes(TOKEN_QUERY);

describe('webhook executor: the URL stays secret', () => {
  it('an accepted request names the receiver by scheme and host only', async () => {
    const result = await run();
    expect(received.at(-1)).toBe(`/hooks/${TOKEN_PATH}?token=${TOKEN_QUERY}`);
    expect(result.summary).toBe(`${base} accepted stop_instance (HTTP 202)`);
    expect(leaks(JSON.stringify(result))).toBe(false);
  });

  it('a refusal whose body echoes the path, and 5xx answers until the retries run out, say neither token', async () => {
    answers.push({ status: 404 });
    const refused = await failure();
    expect(refused).toMatch(new RegExp(`^${base} refused stop_instance: HTTP 404`));
    expect(leaks(refused)).toBe(false);

    answers.push({ status: 503 }, { status: 503 });
    const failed = await failure();
    expect(failed).toMatch(new RegExp(`^${base} failed after 2 attempts: HTTP 503`));
    expect(leaks(failed)).toBe(false);
  });

  it('a receiver that cannot be reached is named by host, without the path', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const message = await failure(origin);
    expect(message).toMatch(new RegExp(`^${origin} failed after 2 attempts`));
    expect(leaks(message)).toBe(false);
  });

  it('a redirect is not followed: the signed action goes only to the configured receiver', async () => {
    const before = received.length;
    answers.push({ status: 307, location: `${base}/elsewhere` });
    const message = await failure();
    expect(message).toMatch(/refused stop_instance: HTTP 307 \(redirects are not followed\)/);
    expect(received.slice(before)).toEqual([`/hooks/${TOKEN_PATH}?token=${TOKEN_QUERY}`]);
  });
});
