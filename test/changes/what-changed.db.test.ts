/**
 * "What changed": an anomaly on a feature mapped to a repository in penny.yml lists the pull
 * requests merged, deployments and releases in its window, read from a fake GitHub REST API over
 * loopback, with Penny's own estimate of a pull request it reviewed (kept by the real review flow).
 * GitHub failing, slow or unconfigured leaves the scan and its findings whole, and says so.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { whatChangedFromEnv } from '../../src/changes/from-env.ts';
import { loadEnv } from '../../src/config/env.ts';
import { githubClient } from '../../src/github/client.ts';
import { reviewPullRequest } from '../../src/github/review-pull-request.ts';
import { loadUsageFile } from '../../src/ingest/usage/load.ts';
import { money } from '../../src/scans/format.ts';
import { runScans } from '../../src/scans/run.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.ts';

const AS_OF = '2026-11-05';
const REPO = 'acme/support-agent';
const f = fileDb();
let gh: FakeGitHub | undefined;
let estimate: number;

const DIFF = `diff --git a/services/support/agent.py b/services/support/agent.py
index 1111111..2222222 100644
--- a/services/support/agent.py
+++ b/services/support/agent.py
@@ -20,7 +20,7 @@ def answer(ticket):
     response = client.chat.completions.create(
         model="gpt-4o",
         messages=build_messages(ticket),
-        max_tokens=1024,
+        max_tokens=4096,
         temperature=0.2,
     )
     return response.choices[0].message.content
`;
const REPO_PENNY_YML = `features:\n  - feature: support-agent\n    team: support\n    paths: ["services/support/**"]\nrepositories:\n  - repo: ${REPO}\n    features: [support-agent]\n`;

/** Thirty days of ~100 support-agent calls a day on gpt-4o, then four times as many on Tuesday 3 and Wednesday 4 November. */
function usage(): string {
  const lines: string[] = [];
  for (let d = 30; d >= 1; d--) {
    const day = new Date(Date.parse(`${AS_OF}T00:00:00Z`) - d * 86_400_000).toISOString().slice(0, 10);
    const calls = (d <= 2 ? 400 : 100) + ((d * 7) % 11);
    for (let i = 0; i < calls; i++) {
      const at = `${day}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`;
      lines.push(
        JSON.stringify({
          timestamp: at,
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.response.id': `r-${day}-${i}`,
          'gen_ai.usage.input_tokens': 100_000,
          'gen_ai.usage.output_tokens': 2000,
          feature: 'support-agent',
          team: 'support',
        }),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  const file = path.join(f.dir, 'calls.jsonl');
  await fs.writeFile(file, usage());
  expect((await loadUsageFile(f.t.pool, file)).rejected).toBe(0);
  await fs.writeFile(path.join(f.dir, 'penny.yml'), `repositories:\n  - repo: ${REPO}\n    features: [support-agent]\n    teams: [support]\n`);
  // Penny reviews PR #412 through the real flow, which keeps its estimate.
  const review = await startFakeGitHub('acme', 'support-agent');
  review.diffs.set(412, DIFF);
  review.files.set('penny.yml', REPO_PENNY_YML);
  const octokit = githubClient({ token: 'test-token', baseUrl: review.url, retryDelayMs: 1 });
  const outcome = await reviewPullRequest({
    octokit,
    pool: f.t.pool,
    pr: { owner: 'acme', repo: 'support-agent', number: 412, headSha: 'c'.repeat(40) },
    asOf: '2026-11-03',
    timeoutMs: 5000,
    retryDelayMs: 1,
  });
  estimate = outcome.result.monthlyDelta;
  expect(estimate).toBeGreaterThan(0);
  await review.close();
}, 180_000);

afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

/** A fake GitHub whose repository history has one PR merged in the anomaly's window and others that are not. */
async function history(): Promise<FakeGitHub> {
  await gh?.close();
  gh = await startFakeGitHub('acme', 'support-agent');
  gh.pulls.push(
    { number: 412, title: 'raise max_tokens to 4096', updated_at: '2026-11-03T10:15:00Z', merged_at: '2026-11-03T10:14:00Z' },
    { number: 401, title: 'tidy logging', updated_at: '2026-11-03T12:00:00Z', merged_at: '2026-10-27T09:00:00Z' },
    { number: 415, title: 'try a bigger model', updated_at: '2026-11-04T08:00:00Z', merged_at: null },
    { number: 380, title: 'old change', updated_at: '2026-10-01T08:00:00Z', merged_at: '2026-10-01T08:00:00Z' },
  );
  gh.deployments.push({ id: 9, environment: 'production', ref: 'v2.4.0', created_at: '2026-11-03T11:02:00Z' });
  gh.releases.push({ tag_name: 'v2.3.0', name: 'v2.3.0', created_at: '2026-10-20T09:00:00Z', published_at: '2026-10-20T09:00:00Z' });
  return gh;
}

const env = (extra: Record<string, string> = {}) => loadEnv({ PENNY_CONFIG: path.join(f.dir, 'penny.yml'), GITHUB_TOKEN: 'test-token', ...extra });
const PARAMS = { anomaly: { hourly: [], daily: [{ source: 'ai' as const, dimensions: ['feature'] }] } };

async function scan(e: ReturnType<typeof env>) {
  const r = await runScans(f.t.pool, { kinds: ['anomaly'], asOf: AS_OF, params: PARAMS, whatChanged: whatChangedFromEnv(e, f.t.pool) });
  const finding = r.findings.find((x) => x.scope.feature === 'support-agent');
  expect(finding?.evidence.start).toBe('2026-11-03');
  return finding!.evidence.changes as { text: string; items: { kind: string; number?: number; estimate?: unknown }[]; unread?: string[] } | undefined;
}

describe('what changed', () => {
  it('lists the PR merged in the anomaly’s window with Penny’s estimate, and the deployment, but nothing outside it', async () => {
    const fake = await history();
    const changes = await scan(env({ GITHUB_API_URL: fake.url }));
    expect(changes?.items.map((c) => [c.kind, c.number])).toEqual([
      ['pull_request', 412],
      ['deployment', undefined],
    ]);
    expect(changes?.items[0]?.estimate).toEqual({ monthlyDelta: Number(estimate.toFixed(2)), upperBound: true, currency: 'USD' });
    expect(changes?.text).toBe(
      `support-agent cost ×3.8 since Tuesday; PR #412 'raise max_tokens to 4096' merged Tuesday 10:14 UTC, estimated +${money(Number(estimate.toFixed(2)))}/month (upper bound); deployment to production of v2.4.0 Tuesday 11:02 UTC`,
    );
    expect(fake.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/repos/acme/support-agent/pulls', '/repos/acme/support-agent/deployments', '/repos/acme/support-agent/releases']));
  });

  it('keeps the finding and says why when GitHub fails, is too slow or has no token', async () => {
    const failing = await history();
    failing.failNext({ method: 'GET', path: /\/pulls$/, status: 502 });
    expect((await scan(env({ GITHUB_API_URL: failing.url })))?.text).toBe(
      `support-agent cost ×3.8 since Tuesday; what changed on ${REPO} could not be read from GitHub (${REPO}: GitHub answered 502)`,
    );
    const slow = await history();
    slow.delayMs = 1500;
    expect((await scan(env({ GITHUB_API_URL: slow.url, PENNY_GITHUB_TIMEOUT_MS: '200' })))?.text).toMatch(/could not be read from GitHub \(acme\/support-agent: no answer within 0\.2 s\)$/);
    expect((await scan(loadEnv({ PENNY_CONFIG: path.join(f.dir, 'penny.yml') })))?.text).toMatch(/\(acme\/support-agent: GITHUB_TOKEN is not set\)$/);
  });

  it('adds nothing where no repository is mapped', async () => {
    expect(await scan(loadEnv({ PENNY_CONFIG: path.join(f.dir, 'absent.yml'), GITHUB_TOKEN: 'test-token' }))).toBeUndefined();
  });

  it('is in `penny scan anomaly` output: a line under the finding, and the --json evidence', async () => {
    const fake = await history();
    const cliEnv = { env: { DATABASE_URL: f.t.url, PENNY_CONFIG: path.join(f.dir, 'penny.yml'), GITHUB_TOKEN: 'test-token', GITHUB_API_URL: fake.url, PENNY_LOG_LEVEL: undefined } };
    const json = await runPenny(['scan', 'anomaly', '--as-of', AS_OF, '--json'], cliEnv);
    expect(json.code).toBe(0);
    const listed = (JSON.parse(json.stdout) as { findings: { evidence: { changes?: { items: { number?: number }[] } } }[] }).findings.flatMap((x) => x.evidence.changes?.items ?? []);
    expect(listed.map((c) => c.number)).toContain(412);
    expect(listed.map((c) => c.number)).not.toContain(401);
    const table = await runPenny(['scan', 'anomaly', '--as-of', AS_OF], cliEnv);
    expect(table.stdout).toMatch(/\n +what changed: \S.* PR #412 'raise max_tokens to 4096' merged Tuesday 10:14 UTC/);
  }, 120_000);
});
