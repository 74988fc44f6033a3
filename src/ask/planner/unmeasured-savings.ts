/**
 * Savings a FOCUS export does not measure as such: "Azure Hybrid Benefit savings", "how much did
 * BYOL save us", "spot savings". They are declined, saying which columns and values the answer
 * would need and whether the loaded exports carry them, where the waste scan's findings were
 * offered before (they are recommendations, not money saved). Savings from commitments, which
 * the commitment discount columns do record, are answered (outlook.ts, derived.ts).
 */

const SAVED = '(?:savings?|saved?|saves|saving)';
/** Money saved, said before or after what saved it: "AHB savings", "savings from spot", "how much did spot save us". */
const around = (what: string) => new RegExp(String.raw`\b(?:${what})\b(?:\s+[a-z']+){0,3}?\s+${SAVED}\b|\b${SAVED}(?:\s+[a-z']+){0,4}?\s+(?:${what})\b`);

const LICENCE = around(String.raw`(?:azure\s+)?hybrid\s+(?:use\s+)?benefits?|ahub|ahb|byol|bring[\s-]+your[\s-]+own[\s-]+licen[cs]es?|licen[cs](?:e|es|ing)`);
const SPOT = around(String.raw`spot(?:\s+(?:instances?|vms?|nodes?|pricing|capacity))?|preemptible(?:\s+vms?)?|pre-emptible`);

const LICENCE_NEEDS =
  'Azure Hybrid Benefit (and other bring-your-own-licence) savings are in no FOCUS column: Microsoft marks the rows that use it only in its own columns x_SkuLicenseStatus and x_SkuLicenseType, and the saving needs the price of the same usage without the licence, which no FOCUS column carries. The loaded exports have no such column Penny reads, so I can\'t measure it. I can give savings against list price ("Azure savings vs list price") or from commitments ("how much did reservations save us").';
const SPOT_NEEDS =
  'FOCUS marks spot and preemptible usage only as PricingCategory "Dynamic"; its saving is that usage\'s ListCost (the on-demand price) minus its EffectiveCost. I read "spot" as that category for spend ("spot spend last month"), not yet for savings, so I won\'t guess: ask "savings vs list price by pricing category" and read the Dynamic row.';

/** The decline for savings the exports do not measure as such, or null when the question asks none. */
export function unmeasuredSavings(text: string): string | null {
  const lower = text.toLowerCase();
  if (LICENCE.test(lower)) return LICENCE_NEEDS;
  if (SPOT.test(lower)) return SPOT_NEEDS;
  return null;
}
