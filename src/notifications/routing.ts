/**
 * Who is told about a finding: the owner map rule naming the finding's owner hint (every owner of
 * that rule), a channel hint as is, and nobody named → the fallback (the FinOps channel).
 */
import type { Finding } from '../findings/finding.ts';
import type { OwnerRule } from '../owners/store.ts';

/** A channel recipient (#name or a channel id), as opposed to a person. */
export const IS_CHANNEL = /^(#|[CG][A-Z0-9]{6,}$)/;

export function recipientsOf(f: Finding, rules: OwnerRule[], fallback: string | null): string[] {
  const hint = f.ownerHint;
  if (hint && IS_CHANNEL.test(hint)) return [hint];
  if (hint) return rules.find((r) => r.owners.includes(hint))?.owners ?? [hint];
  return fallback ? [fallback] : [];
}
