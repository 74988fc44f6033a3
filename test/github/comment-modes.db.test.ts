/**
 * How the pull-request comment is kept, against the fake GitHub: `hide-and-new` minimises Penny's
 * old comment as outdated (GraphQL minimizeComment) and posts a new one, never touching a hidden
 * one twice; and a comment policy (penny.yml `comment:`, overridden by the caller) posts only when
 * the monthly cost goes up, or goes up by more than an amount, while still updating a comment
 * that is already there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { githubClient } from '../../src/github/client.ts';
import { reviewPullRequest, type PullReviewOptions } from '../../src/github/review-pull-request.ts';
import { parseConfig } from '../../src/review/config.ts';
import { COMMENT_MARKER } from '../../src/review/render.ts';
import { diffOf } from '../support/diffs.ts';
import { fileDb } from '../support/file-db.ts';
import { startFakeGitHub, type FakeGitHub } from './fake-github.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/review');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const resize = (from: string, to: string) =>
  diffOf(
    'infra/batch.tf',
    1,
    `
resource "aws_instance" "batch" {
  ami           = data.aws_ami.al2023.id
-  instance_type = "${from}"
+  instance_type = "${to}"
 }
`,
  );
const UP = resize('m5.large', 'm5.xlarge'); // +$70.08/month
const DOWN = resize('m5.xlarge', 'm5.large');

const db = fileDb();
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

async function fake(pennyYml?: string): Promise<FakeGitHub> {
  gh = await startFakeGitHub();
  if (pennyYml) gh.files.set('penny.yml', pennyYml);
  return gh;
}

function review(f: FakeGitHub, diff: string, extra: Partial<PullReviewOptions> = {}) {
  f.diffs.set(3, diff);
  const octokit = githubClient({ token: 'test-token', baseUrl: f.url, retryDelayMs: 1 });
  return reviewPullRequest({ octokit, pool: db.t.pool, pr: { owner: 'acme', repo: 'app', number: 3, headSha: 'a'.repeat(40) }, asOf: '2026-01-20', timeoutMs: 5000, retryDelayMs: 1, ...extra });
}

it('hide-and-new minimises the old comment as outdated and posts a new one; a hidden one is never touched again', async () => {
  const f = await fake();
  const first = await review(f, fixture('terraform-gpu.diff'));
  expect(first.comment.action).toBe('created');
  const second = await review(f, UP, { behavior: 'hide-and-new' });
  expect(second.comment).toMatchObject({ action: 'created', hidden: 1 });
  expect(f.comments).toHaveLength(2);
  expect(f.comments[0]).toMatchObject({ id: first.comment.id, minimized: 'OUTDATED' });
  expect(f.comments[0]!.body.startsWith(COMMENT_MARKER)).toBe(false);
  expect(f.comments[0]!.body).toContain('2× g5.12xlarge'); // the old figures stay readable
  expect(f.comments[1]!.minimized).toBeUndefined();
  expect(f.comments[1]!.body).toContain('posted anew on each push');

  // A re-run with the same result posts nothing new.
  expect((await review(f, UP, { behavior: 'hide-and-new' })).comment).toMatchObject({ action: 'unchanged', id: second.comment.id });
  const writes = () => f.requests.filter((q) => q.method !== 'GET' && q.path.endsWith(`/comments/${first.comment.id}`)).length;
  const before = writes();
  await review(f, DOWN, { behavior: 'hide-and-new' });
  expect(f.comments.map((c) => c.minimized ?? 'shown')).toEqual(['OUTDATED', 'OUTDATED', 'shown']);
  expect(writes()).toBe(before);

  // GitHub refusing to minimise (5xx on GraphQL, retried, then given up) leaves the old one shown but never stops the review.
  for (let k = 0; k < 4; k++) f.failNext({ method: 'POST', path: /^\/graphql$/, status: 502 });
  expect((await review(f, UP, { behavior: 'hide-and-new' })).comment.action).toBe('created');
  expect(f.comments.map((c) => c.minimized ?? 'shown')).toEqual(['OUTDATED', 'OUTDATED', 'shown', 'shown']);
  expect(f.comments[2]!.body.startsWith(COMMENT_MARKER)).toBe(false);
});

it('penny.yml comment.when: increase posts only when the cost goes up, and still updates a comment already there', async () => {
  const f = await fake('comment:\n  when: increase\n');
  expect((await review(f, DOWN)).comment.action).toBe('skipped');
  expect(f.comments).toHaveLength(0);
  expect((await review(f, UP)).comment.action).toBe('created');
  const down = await review(f, DOWN);
  expect(down.comment.action).toBe('updated');
  expect(f.comments[0]!.body).toContain('−$70.08');
});

it('a penny.yml comment policy that is not one fails naming its line', () => {
  expect(() => parseConfig('comment:\n  when: sometimes\n')).toThrow(/^penny\.yml:2: comment\.when: /);
  expect(() => parseConfig('comment:\n  above: -5\n')).toThrow(/^penny\.yml:2: comment\.above: /);
});

it('an amount (comment.above) is a bar the increase must clear; the caller’s setting wins over penny.yml', async () => {
  const f = await fake('comment:\n  above: 50\n');
  const high = await review(f, UP, { comment: { above: 100 } });
  expect(high.result.monthlyDelta).toBeCloseTo(70.08, 2);
  expect(high.comment.action).toBe('skipped');
  expect((await review(f, UP)).comment.action).toBe('created');
});
