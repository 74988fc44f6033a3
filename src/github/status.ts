/**
 * The commit status of the policy gate (`--fail-above`): success or failure on the pull request's
 * head commit under one context, so a branch protection rule can require it.
 */
import type { Octokit } from '@octokit/rest';
import { DEFAULT_CURRENCY } from '../costs/currency.ts';
import { formatMoney } from '../schema/money.ts';

export const STATUS_CONTEXT = 'penny/cost';

export interface GateResult {
  state: 'success' | 'failure';
  description: string;
}

export function gate(monthlyDelta: number, failAbove: number): GateResult {
  const fmt = (x: number) => formatMoney(x, DEFAULT_CURRENCY);
  return monthlyDelta > failAbove
    ? { state: 'failure', description: `Estimated ${fmt(monthlyDelta)}/month, above the ${fmt(failAbove)} limit` }
    : { state: 'success', description: `Estimated ${fmt(monthlyDelta)}/month, within the ${fmt(failAbove)} limit` };
}

export async function setCommitStatus(octokit: Octokit, ref: { owner: string; repo: string; sha: string }, g: GateResult, targetUrl?: string): Promise<void> {
  await octokit.rest.repos.createCommitStatus({
    owner: ref.owner,
    repo: ref.repo,
    sha: ref.sha,
    state: g.state,
    context: STATUS_CONTEXT,
    description: g.description.slice(0, 140),
    ...(targetUrl ? { target_url: targetUrl } : {}),
  });
}
