/**
 * The GitHub flow against a fake GitHub REST API over loopback and a real Postgres: one sticky
 * comment created, updated on the next push, never duplicated, also when GitHub answers 5xx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { githubClient } from '../../src/github/client.ts';
import { reviewPullRequest, type PullReviewOptions } from '../../src/github/review-pull-request.ts';
import { COMMENT_MARKER } from '../../src/review/render.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { ACTIONS_BOT, DEFAULT_USER, startFakeGitHub, type FakeGitHub } from './fake-github.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/review');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const PENNY_YML = 'features:\n  - feature: query-rewrite\n    paths: ["services/search/**"]\n    usage: { calls_per_month: 100000, input_tokens_per_call: 800, output_tokens_per_call: 200 }\n';

let t: TestDb;
let gh: FakeGitHub | undefined;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

async function setup(diff: string): Promise<FakeGitHub> {
  gh = await startFakeGitHub();
  gh.diffs.set(7, diff);
  gh.files.set('penny.yml', PENNY_YML);
  return gh;
}

function review(fake: FakeGitHub, sha: string, extra: Partial<PullReviewOptions> = {}) {
  const octokit = githubClient({ token: 'test-token', baseUrl: fake.url, retryDelayMs: 1 });
  return reviewPullRequest({ octokit, pool: t.pool, pr: { owner: 'acme', repo: 'app', number: 7, headSha: sha }, asOf: '2026-01-20', timeoutMs: 5000, retryDelayMs: 1, ...extra });
}

it('creates the comment once, updates it on the next push, never a second one', async () => {
  const fake = await setup(fixture('model-swap.diff'));
  const first = await review(fake, 'a'.repeat(40));
  expect(first.comment.action).toBe('created');
  expect(fake.comments).toHaveLength(1);
  expect(fake.comments[0]!.body).toContain(COMMENT_MARKER);
  expect(fake.comments[0]!.body).toContain('`gpt-4o-mini` → `gpt-4o`');
  expect(first.result.items[0]).toMatchObject({ feature: 'query-rewrite', basis: 'assumption' }); // penny.yml read through the API

  fake.diffs.set(7, fixture('terraform-gpu.diff'));
  const second = await review(fake, 'b'.repeat(40));
  expect(second.comment).toMatchObject({ action: 'updated', id: first.comment.id });
  expect(fake.comments).toHaveLength(1);
  expect(fake.comments[0]!.body).toContain('2× g5.12xlarge');
  expect(fake.comments[0]!.body).not.toContain('gpt-4o-mini');

  expect((await review(fake, 'b'.repeat(40))).comment.action).toBe('unchanged');
  expect(fake.comments).toHaveLength(1);
});

it('a pull request with nothing cost-relevant gets no comment; an existing one is updated to say so', async () => {
  const fake = await setup(fixture('docs-only.diff'));
  expect((await review(fake, 'c'.repeat(40))).comment.action).toBe('skipped');
  expect(fake.comments).toHaveLength(0);
  fake.diffs.set(7, fixture('model-swap.diff'));
  await review(fake, 'd'.repeat(40));
  fake.diffs.set(7, fixture('docs-only.diff'));
  expect((await review(fake, 'e'.repeat(40))).comment.action).toBe('updated');
  expect(fake.comments).toHaveLength(1);
  expect(fake.comments[0]!.body).toContain('No cost-relevant changes');
});

it('GitHub 5xx answers are retried and never yield two comments', async () => {
  const fake = await setup(fixture('model-swap.diff'));
  // The diff fetch and the comment listing fail once before answering.
  fake.failNext({ method: 'GET', path: /\/pulls\/7$/, status: 502 });
  fake.failNext({ method: 'GET', path: /\/issues\/7\/comments$/, status: 503 });
  // GitHub creates the comment but answers 502: a blind retry would post it twice.
  fake.failNext({ method: 'POST', path: /\/issues\/7\/comments$/, status: 502, afterEffect: true });
  const r = await review(fake, 'f'.repeat(40));
  expect(r.comment.action).toBe('unchanged');
  expect(fake.comments).toHaveLength(1);
  // A create that fails outright is retried and lands once.
  const again = await setup(fixture('model-swap.diff'));
  again.failNext({ method: 'POST', path: /\/issues\/7\/comments$/, status: 500 });
  again.failNext({ method: 'POST', path: /\/issues\/7\/comments$/, status: 503 });
  expect((await review(again, 'f'.repeat(40))).comment.action).toBe('created');
  expect(again.comments).toHaveLength(1);
  expect(again.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/comments'))).toHaveLength(3);
});

it('concurrent reviews of one pull request still leave one comment', async () => {
  const fake = await setup(fixture('model-swap.diff'));
  await Promise.all([review(fake, '1'.repeat(40)), review(fake, '2'.repeat(40)), review(fake, '3'.repeat(40))]);
  expect(fake.comments).toHaveLength(1);
});

it('--behavior new and delete-and-new; --fail-above sets the commit status', async () => {
  const fake = await setup(fixture('model-swap.diff'));
  await review(fake, 'a'.repeat(40));
  await review(fake, 'a'.repeat(40), { behavior: 'new' });
  expect(fake.comments).toHaveLength(2);
  const r = await review(fake, 'b'.repeat(40), { behavior: 'delete-and-new', failAbove: 100 });
  expect(r.comment).toMatchObject({ action: 'created', deleted: 2 });
  expect(fake.comments).toHaveLength(1);
  expect(fake.statuses).toEqual([{ sha: 'b'.repeat(40), state: 'failure', context: 'penny/cost', description: expect.stringMatching(/above the \$100\.00 limit/) }]);
  await review(fake, 'c'.repeat(40), { failAbove: 1_000_000 });
  expect(fake.statuses[1]).toMatchObject({ sha: 'c'.repeat(40), state: 'success' });
  expect(fake.comments).toHaveLength(1);
});

it("another author's comment quoting the marker is never edited or deleted", async () => {
  const fake = await setup(fixture('model-swap.diff'));
  const quote = { id: 1, body: `> ${COMMENT_MARKER}\n> ### 💰 Penny cost review\n\nI doubt this estimate.`, html_url: 'https://github.example/c/1', user: { login: 'alice', type: 'User' as const } };
  const otherBot = { id: 2, body: `${COMMENT_MARKER}\nrelayed by another bot`, html_url: 'https://github.example/c/2', user: { login: 'relay[bot]', type: 'Bot' as const } };
  fake.comments.push({ ...quote }, { ...otherBot });
  const first = await review(fake, 'a'.repeat(40));
  expect(first.comment.action).toBe('created');
  expect(fake.comments).toHaveLength(3);
  expect(fake.comments[2]!.user.login).toBe(DEFAULT_USER);
  // The next push updates Penny's own; delete-and-new removes only Penny's own.
  fake.diffs.set(7, fixture('terraform-gpu.diff'));
  expect((await review(fake, 'b'.repeat(40))).comment).toMatchObject({ action: 'updated', id: first.comment.id });
  expect((await review(fake, 'c'.repeat(40), { behavior: 'delete-and-new' })).comment).toMatchObject({ action: 'created', deleted: 1 });
  expect(fake.comments.slice(0, 2)).toEqual([quote, otherBot]);
  expect(fake.comments).toHaveLength(3);
  // No write request ever went to the other two.
  expect(fake.requests.some((q) => q.method !== 'GET' && /comments\/[12]$/.test(q.path))).toBe(false);
});

it('an installation token (Actions GITHUB_TOKEN) comments as its bot, found through GraphQL viewer', async () => {
  const fake = await setup(fixture('model-swap.diff'));
  fake.comments.push({ id: 1, body: `${COMMENT_MARKER}\nold review by a personal token`, html_url: 'https://github.example/c/1', user: { login: DEFAULT_USER, type: 'User' } });
  const octokit = githubClient({ token: 'ghs_installation', baseUrl: fake.url, retryDelayMs: 1 });
  const pr = { owner: 'acme', repo: 'app', number: 7, headSha: 'a'.repeat(40) };
  const first = await reviewPullRequest({ octokit, pool: t.pool, pr, asOf: '2026-01-20', timeoutMs: 5000, retryDelayMs: 1 });
  expect(first.comment.action).toBe('created');
  expect(fake.comments.map((c) => c.user.login)).toEqual([DEFAULT_USER, ACTIONS_BOT]);
  fake.diffs.set(7, fixture('terraform-gpu.diff'));
  const second = await reviewPullRequest({ octokit, pool: t.pool, pr: { ...pr, headSha: 'b'.repeat(40) }, asOf: '2026-01-20', timeoutMs: 5000, retryDelayMs: 1 });
  expect(second.comment).toMatchObject({ action: 'updated', id: first.comment.id });
  expect(fake.comments[0]!.body).toContain('old review by a personal token');
});

it('a configured login (PENNY_GITHUB_LOGIN) is used without asking GitHub who the token is', async () => {
  const fake = await setup(fixture('model-swap.diff'));
  fake.users.set('ghs_app', 'penny-finops[bot]');
  fake.comments.push({ id: 1, body: `${COMMENT_MARKER}\nby the app`, html_url: 'https://github.example/c/1', user: { login: 'penny-finops[bot]', type: 'Bot' } });
  const octokit = githubClient({ token: 'ghs_app', baseUrl: fake.url, retryDelayMs: 1 });
  const r = await reviewPullRequest({ octokit, pool: t.pool, pr: { owner: 'acme', repo: 'app', number: 7, headSha: 'a'.repeat(40) }, asOf: '2026-01-20', timeoutMs: 5000, login: 'penny-finops[bot]' });
  expect(r.comment).toMatchObject({ action: 'updated', id: 1 });
  expect(fake.requests.filter((q) => q.path === '/user' || q.path === '/graphql')).toHaveLength(0);
});

it('says how to name the login when GitHub cannot tell who the token is, and asks again next time', async () => {
  const fake = await setup(fixture('model-swap.diff'));
  for (let k = 0; k < 4; k++) fake.failNext({ method: 'POST', path: /^\/graphql$/, status: 502 });
  const octokit = githubClient({ token: 'ghs_installation', baseUrl: fake.url, retryDelayMs: 1 });
  const pr = { owner: 'acme', repo: 'app', number: 7, headSha: 'a'.repeat(40) };
  await expect(reviewPullRequest({ octokit, pool: t.pool, pr, asOf: '2026-01-20', timeoutMs: 5000, retryDelayMs: 1 })).rejects.toThrow(
    /^cannot tell which GitHub login this token comments as \(GET \/user: 403; GraphQL viewer: .*\); set PENNY_GITHUB_LOGIN, such as my-app\[bot\]$/,
  );
  expect(fake.comments).toHaveLength(0);
  expect((await reviewPullRequest({ octokit, pool: t.pool, pr, asOf: '2026-01-20', timeoutMs: 5000, retryDelayMs: 1 })).comment.action).toBe('created');
});
