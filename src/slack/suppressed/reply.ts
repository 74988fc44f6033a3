/**
 * The answer to "what did feedback silence?" in Slack, for one person: FinOps admins see every
 * suppressed anomaly; anyone else sees those of their teams, of scopes the owner map gives them,
 * and those silenced by feedback they gave themselves — what they may see as alerts, no more.
 */
import { listSuppressed, type SuppressedListing } from '../../scans/anomaly/suppressed.ts';
import { matches, scopeOwners } from '../../remediation/approvers.ts';
import type { SlackMessage } from '../answer-view.ts';
import type { SlackDeps } from '../deps.ts';
import type { SlackIdentity } from '../identity.ts';
import { suppressedMessage } from './view.ts';

async function visibleTo(deps: SlackDeps, who: SlackIdentity, list: SuppressedListing[]): Promise<SuppressedListing[]> {
  if (who.admin) return list;
  const user = { id: who.userId, email: who.email };
  // Owners are looked up once per scope: many suppressed episodes share one.
  const owned = new Map<string, Promise<boolean>>();
  const ownsScope = (scope: Record<string, string>) => {
    const key = JSON.stringify(Object.entries(scope).sort());
    if (!owned.has(key))
      owned.set(
        key,
        scopeOwners(deps.pool, scope, {}).then((owners) => matches(user, owners)),
      );
    return owned.get(key)!;
  };
  const keep = await Promise.all(list.map(async (s) => (s.scope.team !== undefined && who.teams.includes(s.scope.team)) || (s.by !== null && matches(user, [s.by])) || (await ownsScope(s.scope))));
  return list.filter((_, i) => keep[i]);
}

export async function suppressedReply(deps: SlackDeps, who: SlackIdentity): Promise<SlackMessage> {
  return suppressedMessage(await visibleTo(deps, who, await listSuppressed(deps.pool)), who.admin);
}
