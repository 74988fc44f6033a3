/**
 * Who may decide a proposal: the owners of its finding's scope in the current owner map (so an
 * owner removed since the proposal was made can no longer approve it) plus the configured FinOps
 * admins. People are Slack user ids or emails; a clicker matches by either.
 */
import type pg from 'pg';
import { canonicalKey } from '../budgets/scope.ts';
import { ownersFor } from '../owners/store.ts';
import type { Proposal } from './store.ts';

export interface SlackUser {
  id: string;
  /** From Slack's users.info, when it could be read; owners may be listed by email. */
  email?: string | null;
}

/** What approvers are looked up by: the finding's scope and evidence (a proposal, or a finding not yet proposed). */
export type ApprovalSubject = Pick<Proposal, 'findingScope' | 'evidence'>;

/** The scope to look owners up by: the finding's keys the owner map knows, plus the team the evidence names. */
function ownerScope(p: ApprovalSubject): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.findingScope)) {
    try {
      scope[canonicalKey(k)] = v;
    } catch {
      // A key the owner map has no words for (a SKU) cannot match a rule.
    }
  }
  const team = p.evidence.team;
  if (typeof team === 'string' && team && !scope.team) scope.team = team;
  return scope;
}

export async function approversOf(db: pg.Pool | pg.PoolClient, p: ApprovalSubject, admins: readonly string[]): Promise<{ owners: string[]; admins: string[] }> {
  // ownersFor only queries; inside a transaction the client reads the same snapshot as the lock.
  const rules = await ownersFor(db as pg.Pool, ownerScope(p));
  return { owners: [...new Set(rules.flatMap((r) => r.owners))], admins: [...admins] };
}

export function matches(user: SlackUser, people: readonly string[]): boolean {
  const email = user.email?.toLowerCase();
  return people.some((p) => p === user.id || (email !== undefined && p === email));
}
