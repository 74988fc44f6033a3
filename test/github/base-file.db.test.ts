/**
 * A hunk that starts inside a nested block (`scaling_config`): git's heading names the resource,
 * but its instance types are outside the hunk. The file at the pull request's base commit, read
 * through the fake GitHub contents API, has the diff applied forwards, so the node group is seen
 * whole and priced.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { githubClient } from '../../src/github/client.ts';
import { reviewPullRequest } from '../../src/github/review-pull-request.ts';
import { priceTable } from '../../src/review/instance-prices.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { gitDiff } from '../support/diffs.ts';
import { startFakeGitHub, type FakeGitHub } from './fake-github.ts';

const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);

// An EKS managed node group, written from the aws_eks_node_group resource's documented arguments.
const before = `resource "aws_eks_node_group" "gpu" {
  cluster_name    = aws_eks_cluster.ml.name
  node_group_name = "gpu"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.private_subnets
  instance_types  = ["g5.2xlarge"]
  ami_type        = "AL2_x86_64_GPU"

  labels = {
    workload = "inference"
  }

  taint {
    key    = "nvidia.com/gpu"
    value  = "true"
    effect = "NO_SCHEDULE"
  }

  update_config {
    max_unavailable = 1
  }

  scaling_config {
    desired_size = 2
    max_size     = 8
    min_size     = 1
  }
}
`;
const after = before.replace('desired_size = 2', 'desired_size = 6');

let t: TestDb;
let gh: FakeGitHub;

beforeAll(async () => {
  t = await createTestDb();
  gh = await startFakeGitHub();
  // git writes the enclosing resource's first line after the hunk header.
  gh.diffs.set(9, gitDiff('infra/eks.tf', before, after).replace(/^(@@ [^@]+ @@)$/m, '$1 resource "aws_eks_node_group" "gpu" {'));
  gh.filesAt.set(BASE, new Map([['infra/eks.tf', before]]));
  gh.filesAt.set(HEAD, new Map());
});
afterAll(async () => {
  await gh?.close();
  await t?.drop();
});

const review = (baseSha?: string) =>
  reviewPullRequest({
    octokit: githubClient({ token: 'test-token', baseUrl: gh.url, retryDelayMs: 1 }),
    pool: t.pool,
    asOf: '2026-01-20',
    timeoutMs: 5000,
    retryDelayMs: 1,
    pr: { owner: 'acme', repo: 'app', number: 9, headSha: HEAD, ...(baseSha ? { baseSha } : {}) },
  });

it('without the base, the hunk alone shows no machine type and nothing is priced', async () => {
  const r = await review();
  expect(r.result.items.filter((i) => i.monthlyDelta !== null)).toEqual([]);
});

it('with the base commit, the node group is seen whole and priced', async () => {
  const r = await review(BASE);
  expect(r.result.items).toHaveLength(1);
  expect(r.result.items[0]).toMatchObject({ file: 'infra/eks.tf', line: 1, before: '2× g5.2xlarge (scales to 8)', after: '6× g5.2xlarge (scales to 8)', basis: 'price table' });
  expect(r.result.items[0]!.monthlyDelta).toBeCloseTo(4 * priceTable().instance('g5.2xlarge')! * 730, 2);
  expect(r.result.items[0]!.note).toMatch(/^aws_eks_node_group\.gpu: /);
});
