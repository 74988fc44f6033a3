/**
 * The unresolved findings (open, acknowledged or snoozed) that are one person's: as owner alerts
 * route them, those whose owners name them (Slack user id or email), or whose scope is one of
 * their teams. FinOps admins have them all.
 * App Home lists these; a fix asked for in a question is looked for among them.
 */
import type { Finding } from '../findings/finding.ts';
import { listFindings } from '../findings/store.ts';
import { listOwnerRules } from '../owners/store.ts';
import { recipientsOf } from '../notifications/routing.ts';
import type { SlackDeps } from './deps.ts';
import type { SlackIdentity } from './identity.ts';

export async function findingsOf(deps: SlackDeps, who: SlackIdentity): Promise<Finding[]> {
  const findings = await listFindings(deps.pool, { statuses: ['open', 'acknowledged', 'snoozed'] });
  if (who.admin) return findings;
  const rules = await listOwnerRules(deps.pool);
  const ids = [who.userId, ...(who.email ? [who.email] : [])];
  return findings.filter((f) => (f.scope.team !== undefined && who.teams.includes(f.scope.team)) || recipientsOf(f, rules, null).some((r) => ids.includes(r)));
}
