/**
 * `penny review-pr` inside GitHub Actions: the pull request from GITHUB_EVENT_PATH, the diff and
 * comment through GITHUB_API_URL (a fake GitHub over loopback), the gate as a commit status.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startFakeGitHub, type FakeGitHub } from './fake-github.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/review');
let t: TestDb;
let gh: FakeGitHub;
let dir: string;
let eventFile: string;

beforeAll(async () => {
  t = await createTestDb();
  gh = await startFakeGitHub();
  gh.diffs.set(12, await fs.readFile(path.join(FIXTURES, 'terraform-gpu.diff'), 'utf8'));
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'penny-actions-'));
  eventFile = path.join(dir, 'event.json');
  await fs.writeFile(eventFile, JSON.stringify({ action: 'synchronize', pull_request: { number: 12, head: { sha: '9'.repeat(40) } }, repository: { name: 'app', owner: { login: 'acme' } } }));
});
afterAll(async () => {
  await gh?.close();
  await t?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

// The checkout is the test's folder, also when the tests themselves run in GitHub Actions.
const env = () => ({ DATABASE_URL: t.url, GITHUB_EVENT_PATH: eventFile, GITHUB_TOKEN: 'ghs_test', GITHUB_API_URL: gh.url, GITHUB_WORKSPACE: undefined });

it('comments, sets a failing status above --fail-above and exits 1', async () => {
  const r = await runPenny(['review-pr', '--json', '--fail-above', '500'], { env: env(), cwd: dir });
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.monthlyDelta).toBeGreaterThan(500);
  expect(doc.comment).toMatchObject({ action: 'created' });
  expect(doc.status).toMatchObject({ state: 'failure' });
  expect(gh.comments).toHaveLength(1);
  expect(gh.statuses).toEqual([expect.objectContaining({ sha: '9'.repeat(40), state: 'failure', context: 'penny/cost' })]);

  // The next run (no limit this time: no warning in the comment) edits the same comment.
  const again = await runPenny(['review-pr', '--json'], { env: env(), cwd: dir });
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout).comment).toMatchObject({ action: 'updated', id: doc.comment.id });
  expect(gh.comments).toHaveLength(1);
});

it('says plainly when the event is not a pull request or the token is missing', async () => {
  const push = path.join(dir, 'push.json');
  await fs.writeFile(push, JSON.stringify({ ref: 'refs/heads/main', repository: { name: 'app', owner: { login: 'acme' } } }));
  const r = await runPenny(['review-pr', '--json'], { env: { ...env(), GITHUB_EVENT_PATH: push }, cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^penny: GITHUB_EVENT_PATH .*push\.json is not a pull_request event \(pull_request: /);
  const noToken = await runPenny(['review-pr', '--json'], { env: { ...env(), GITHUB_TOKEN: undefined }, cwd: dir });
  expect(noToken.stderr).toMatch(/^penny: GITHUB_TOKEN is not set/);
});
