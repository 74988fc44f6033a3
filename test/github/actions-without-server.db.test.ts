/**
 * `penny review-pr` in GitHub Actions (GITHUB_ACTIONS=true) without DATABASE_URL starts no
 * database server: no PENNY_HOME folder is ever made. History comes from PENNY_DATABASE_URL when
 * set (read only: a database Penny has not migrated is not migrated by a review), else the review
 * rests on penny.yml's assumptions, read from the checkout at GITHUB_WORKSPACE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadUsageFile } from '../../src/ingest/usage/load.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';
import { startFakeGitHub } from './fake-github.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/review');
const db = fileDb();

async function actionsRun(extraEnv: Record<string, string>, args: string[] = []) {
  const gh = await startFakeGitHub();
  try {
    gh.diffs.set(5, fs.readFileSync(path.join(FIXTURES, 'model-swap.diff'), 'utf8'));
    const work = fs.mkdtempSync(path.join(db.dir, 'checkout-'));
    fs.copyFileSync(path.join(FIXTURES, 'penny.yml'), path.join(work, 'penny.yml'));
    const event = path.join(work, 'event.json');
    fs.writeFileSync(
      event,
      JSON.stringify({ action: 'opened', pull_request: { number: 5, head: { sha: '5'.repeat(40) }, base: { sha: '4'.repeat(40) } }, repository: { name: 'app', owner: { login: 'acme' } } }),
    );
    const home = path.join(work, '.penny-home');
    const r = await runPenny(['review-pr', '--json', '--as-of', '2026-01-20', ...args], {
      // penny.yml is found in GITHUB_WORKSPACE, not the folder the command runs in.
      cwd: db.dir,
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: work,
        GITHUB_EVENT_PATH: event,
        GITHUB_TOKEN: 'ghs_actions',
        GITHUB_API_URL: gh.url,
        PENNY_HOME: home,
        DATABASE_URL: undefined,
        PENNY_DATABASE_URL: undefined,
        ...extraEnv,
      },
    });
    return { r, home, comments: gh.comments.length, bodies: gh.comments.map((c) => c.body) };
  } finally {
    await gh.close();
  }
}

it('without any database URL: assumptions from penny.yml, a comment, and no embedded server', async () => {
  const { r, home, comments } = await actionsRun({});
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(doc.items.map((i: { basis: string }) => i.basis)).toEqual(['assumption', 'upper bound']);
  expect(doc.comment.action).toBe('created');
  expect(comments).toBe(1);
  expect(fs.existsSync(home)).toBe(false);
});

it('PENNY_COMMENT_ABOVE keeps a review under the bar from commenting; --comment-above overrides it; PENNY_COMMENT_BEHAVIOR sets the mode', async () => {
  const quiet = await actionsRun({ PENNY_COMMENT_ABOVE: '1000000' });
  expect(quiet.r.code).toBe(0);
  expect(JSON.parse(quiet.r.stdout).comment.action).toBe('skipped');
  expect(quiet.comments).toBe(0);
  const loud = await actionsRun({ PENNY_COMMENT_ABOVE: '1000000', PENNY_COMMENT_BEHAVIOR: 'hide-and-new' }, ['--comment-above', '0']);
  expect(JSON.parse(loud.r.stdout).comment.action).toBe('created');
  expect(loud.bodies).toEqual([expect.stringContaining('posted anew on each push')]);
});

it('with PENNY_DATABASE_URL: history from that database, still no embedded server', async () => {
  const calls = Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({
      timestamp: `2026-01-${String(5 + (i % 10)).padStart(2, '0')}T09:00:00Z`,
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.id': `a-${i}`,
      'gen_ai.usage.input_tokens': 700,
      'gen_ai.usage.output_tokens': 90,
      feature: 'query-rewrite',
    }),
  );
  const file = path.join(db.dir, 'calls.jsonl');
  fs.writeFileSync(file, calls.join('\n') + '\n');
  expect((await loadUsageFile(db.t.pool, file)).rows).toBe(40);
  const { r, home } = await actionsRun({ PENNY_DATABASE_URL: db.t.url });
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(doc.items[0]).toMatchObject({ kind: 'model', basis: 'history', feature: 'query-rewrite' });
  expect(doc.items[0].note).toMatch(/^40 calls of query-rewrite/);
  expect(fs.existsSync(home)).toBe(false);
});
