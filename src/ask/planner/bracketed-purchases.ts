/**
 * "purchases (commitments, upfront fees)": a bracket after purchases that names a commitment kind
 * may narrow them (the commitments' purchases only) or give examples of what a purchase is (all
 * of them); read word by word it narrowed, $26.93 where $5,013.05 of purchases were asked. Declined,
 * naming both readings. A bracket with no commitment in it ("purchases (the upfront stuff)") is
 * left to the charge words.
 */

const KIND = String.raw`(?:commitments?|savings\s+plans?|reservations?|reserved\s+instances?|ris|cuds?|committed\s+use\s+discounts?)`;
/** Bounded inside the bracket, so a long message of unclosed brackets stays linear. */
const BRACKETED = new RegExp(String.raw`\bpurchases?\s*\(([^()]{0,120}?\b${KIND}\b[^()]{0,120}?)\)`);

/** The refusal when a bracket after purchases names a commitment kind, or null. */
export function bracketedPurchases(text: string): string | null {
  const m = BRACKETED.exec(text);
  if (!m) return null;
  return `I can't tell whether "(${m[1]!.trim()})" narrows the purchases or says what they are: ask for "purchases" (all of them) or "commitment purchases" (those of commitments only).`;
}
