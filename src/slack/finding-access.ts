/**
 * Who may press a finding's buttons (Acknowledge, Snooze, Not an anomaly, Planned, Propose a fix):
 * its owners — the people its alert was routed to, and the owners the owner map gives its scope,
 * as for a proposal's approvers (src/remediation/approvers.ts) — and the FinOps admins. Anyone
 * else who sees the alert (a member of #finops) is refused, and the refusal goes to the audit log
 * with who, which button and which finding: dismissing an anomaly also teaches the detector.
 */
import type pg from 'pg';
import { listFindings } from '../findings/store.ts';
import { listOwnerRules } from '../owners/store.ts';
import { matches, scopeOwners, type SlackUser } from '../remediation/approvers.ts';
import { appendAudit } from '../remediation/audit.ts';
import { recipientsOf } from '../notifications/routing.ts';

export const NOT_YOURS = "Only this finding's owners and the FinOps admins can do that; nothing was changed.";

/**
 * Null when `user` may press `action` on the finding (or there is no such finding: the action says
 * so itself); otherwise the refusal to show them, already audited.
 */
export async function refusalFor(pool: pg.Pool, admins: readonly string[], user: SlackUser, fingerprint: string, action: string): Promise<string | null> {
  const [finding] = fingerprint ? await listFindings(pool, { fingerprints: [fingerprint] }) : [];
  if (!finding) return null;
  const routedTo = recipientsOf(finding, await listOwnerRules(pool), null);
  const owners = await scopeOwners(pool, finding.scope, finding.evidence);
  if (matches(user, [...routedTo, ...owners, ...admins])) return null;
  await appendAudit(pool, null, 'click_refused', user.id, { action, finding: fingerprint, why: 'not an owner of the finding or a FinOps admin', email: user.email ?? null });
  return NOT_YOURS;
}
