/**
 * "May spend excluding commitment purchases", "not counting the RI purchases": what is left out is
 * the lines that are both a purchase and of that commitment, not every purchase and not all a
 * commitment covers. A query's filters all hold at once, so "not both" cannot be said with them;
 * read word by word it became "not a purchase, and covered by the commitment", a few dollars where
 * nearly the whole total was asked. Declined, naming what can be answered.
 */

const NOT = String.raw`(?:excluding|excl\.?|exclusive\s+of|exclude|except(?:\s+for)?|not(?:\s+counting)?|without|other\s+than|besides|ignoring|minus|apart\s+from|leaving\s+out|less)`;
const KIND = String.raw`(?:commitments?(?:\s+discounts?)?|savings\s+plans?|reservations?|reserved\s+instances?|ris?|cuds?|committed\s+use\s+discounts?)`;
/** A name may stand before the kind: "excluding AWS savings plan purchases". */
const LEFT_OUT = new RegExp(String.raw`\b${NOT}\s+(?:the\s+|our\s+|any\s+|all\s+)?(?:[a-z0-9.-]+\s+)?(${KIND}\s+(?:purchases?|fees?|upfront\s+(?:payments?|fees?)))\b`);

/** The refusal when the question leaves out one commitment kind's purchases, or null. */
export function leftOutPurchases(text: string): string | null {
  const m = LEFT_OUT.exec(text);
  if (!m) return null;
  return `I can't leave out only the ${m[1]} yet: I can leave out all purchases ("excluding purchases"), or all that commitments cover ("excluding commitments"), or give the ${m[1]} on their own.`;
}
