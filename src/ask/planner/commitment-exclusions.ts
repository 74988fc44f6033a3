/**
 * A kind of commitment left out: "unused commitment cost other than savings plans", "AWS spend
 * excluding reserved instances". The kind is part of the stored CommitmentDiscountType (focus.ts
 * reads "savings plans" as a type containing "savings plan"); left out, every stored type holding
 * it is excluded. Taken before focus.ts, which would read the kind as the one asked for.
 */
import type { Filter } from '../../costs/query.ts';
import type { Catalog } from './catalog.ts';
import type { QuestionText } from './text.ts';

const KINDS: Array<[RegExp, string]> = [
  [/^savings\s+plans?$/, 'savings plan'],
  [/^(?:reserved\s+instances?|reservations?|ris?)$/, 'reserv'],
  [/^(?:committed\s+use\s+discounts?|cuds?)$/, 'committed use'],
];

const EXCLUDED =
  /\b(?:excluding|exclude|except(?:\s+for)?|not\s+(?:counting|including)|without|other\s+than|apart\s+from|besides|ignoring)\s+(?:the\s+|any\s+|our\s+)?(savings\s+plans?|reserved\s+instances?|reservations?|ris?|committed\s+use\s+discounts?|cuds?)\b(?!\s+(?:ids?|names?|status))/;

/** The part of the type name a kind left out is read as, its words taken; null when none is left out. */
export function takeExcludedCommitmentKind(t: QuestionText): string | null {
  const m = t.takeOne(EXCLUDED);
  if (!m) return null;
  const said = m[1]!.replace(/\s+/g, ' ');
  return KINDS.find(([re]) => re.test(said))![1];
}

/** An exclusion of each stored commitment type holding `part`, and how it was read. */
export function excludeCommitmentKind(part: string, catalog: Catalog): { filters: Filter[]; reading: string } {
  const types = (catalog.get('CommitmentDiscountType') ?? []).filter((v) => v.toLowerCase().includes(part));
  if (types.length === 0) return { filters: [], reading: `no stored commitment type holds "${part}", so none is left out` };
  return { filters: types.map((value) => ({ dimension: 'CommitmentDiscountType', op: 'not', value })), reading: `left out: commitment type ${types.join(', ')}` };
}
