/**
 * Who to tell about a finding, from the owner map: the first owner of the most specific rule that
 * matches its scope (or the extra keys a check suggests, such as the likely team of untagged
 * spend), else that rule's channel, else the map's default channel.
 */
import type pg from 'pg';
import { canonicalKey } from '../schema/scope.ts';
import { defaultChannel, ownersFor } from '../owners/store.ts';

export async function ownerHinter(pool: pg.Pool): Promise<(scope: Record<string, string>) => Promise<string | null>> {
  const fallback = await defaultChannel(pool);
  return async (scope) => {
    // Keys the owner map has no words for (a SKU) cannot match a rule.
    const known = Object.entries(scope).filter(([k]) => {
      try {
        canonicalKey(k);
        return true;
      } catch {
        return false;
      }
    });
    const rules = await ownersFor(pool, Object.fromEntries(known));
    const first = rules[0];
    return first?.owners[0] ?? first?.escalation ?? fallback;
  };
}
