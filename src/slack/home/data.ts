/**
 * What one person's App Home shows: their teams' month-to-date spend against budget and forecast,
 * the findings that are theirs and not yet closed (largest first), and the remediation proposals
 * waiting for a decision they may make. "Theirs" follows the owner map as alerts do: a finding
 * whose owners name them, or whose scope is one of their teams. FinOps admins see every team
 * with a budget, every finding and every pending proposal.
 */
import type { Finding } from '../../findings/finding.ts';
import { approversOf, matches } from '../../remediation/approvers.ts';
import { listProposals, type Proposal } from '../../remediation/store.ts';
import type { SlackDeps } from '../deps.ts';
import { findingsOf } from '../findings-of.ts';
import type { SlackIdentity } from '../identity.ts';
import { teamBudgetAmounts, teamBudgets, type TeamBudgets } from './team-budgets.ts';

export interface Home {
  who: SlackIdentity;
  asOf: string;
  budgets: TeamBudgets;
  /** Theirs, not resolved or dismissed, largest monthly impact first. */
  findings: Finding[];
  approvals: Proposal[];
}

async function theirApprovals(deps: SlackDeps, who: SlackIdentity): Promise<Proposal[]> {
  const pending = await listProposals(deps.pool, { statuses: ['pending'] });
  const user = { id: who.userId, email: who.email };
  const mine: Proposal[] = [];
  for (const p of pending) {
    const approvers = await approversOf(deps.pool, p, deps.env.PENNY_ADMINS);
    if (matches(user, [...approvers.owners, ...approvers.admins])) mine.push(p);
  }
  return mine;
}

export async function loadHome(deps: SlackDeps, who: SlackIdentity, asOf: string): Promise<Home> {
  const teams = who.admin ? [...(await teamBudgetAmounts(deps.pool)).keys()].sort() : who.teams;
  return {
    who,
    asOf,
    budgets: await teamBudgets(deps.pool, teams, who.viewer, asOf),
    findings: await findingsOf(deps, who),
    approvals: await theirApprovals(deps, who),
  };
}
