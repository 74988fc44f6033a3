/**
 * Who may decide a proposal: the owners of its finding's scope in the current owner map (so an
 * owner removed since the proposal was made can no longer approve it) plus the configured FinOps
 * admins. People are Slack user ids or emails; a clicker matches by either.
 */
import type pg from 'pg';
import { canonicalKey } from '../schema/scope.ts';
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
function ownerScope(findingScope: Record<string, string>, evidence: Record<string, unknown>): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const [k, v] of Object.entries(findingScope)) {
    try {
      scope[canonicalKey(k)] = v;
    } catch {
      // A key the owner map has no words for (a SKU) cannot match a rule.
    }
  }
  const team = evidence.team;
  if (typeof team === 'string' && team && !scope.team) scope.team = team;
  return scope;
}

/** The owners the current owner map gives a finding's scope (and the team its evidence names). */
export async function scopeOwners(db: pg.Pool | pg.PoolClient, scope: Record<string, string>, evidence: Record<string, unknown>): Promise<string[]> {
  // ownersFor only queries; inside a transaction the client reads the same snapshot as the lock.
  const rules = await ownersFor(db as pg.Pool, ownerScope(scope, evidence));
  return [...new Set(rules.flatMap((r) => r.owners))];
}

export async function approversOf(db: pg.Pool | pg.PoolClient, p: ApprovalSubject, admins: readonly string[]): Promise<{ owners: string[]; admins: string[] }> {
  return { owners: await scopeOwners(db, p.findingScope, p.evidence), admins: [...admins] };
}

export function matches(user: SlackUser, people: readonly string[]): boolean {
  const email = user.email?.toLowerCase();
  return people.some((p) => p === user.id || (email !== undefined && p === email));
}
