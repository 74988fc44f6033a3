/**
 * "cost per input token", "price per output token", "what do we pay per 1M cached tokens", "cheapest
 * model per 1k output tokens": a cost
 * of one kind of token. Usage records keep one cost per LLM call (llm_usage.cost), priced for the
 * call as a whole, so what its input, output or cached tokens cost apart can't be read from them
 * without inventing a split. Declined with that reason and what can be answered; read word by
 * word, "cost per input token" gave the input token count.
 */

/** A kind of token a provider prices apart. */
const KIND = String.raw`(?:input|output|prompt|completion|cached|cache(?:\s+(?:read|write|hit|creation))?|reasoning|thinking)`;
/** "per 1M", "for every 1,000", "a million", "per": the unit before the token kind. */
const PER = String.raw`(?:per|for\s+(?:each|every)|each|a|an|/)\s+(?:(?:\d[\d,.]*\s*[km]?|one|a|million|thousand|hundred)\s+)?(?:(?:million|thousand|mil)\s+)?`;
const MONEY = '(?:cost|costs|costing|price|prices|priced|pricing|pay|paying|paid|spend|spent|charge|charged|charges|rate)';

const PER_KIND = new RegExp(
  [
    // "cost per input token", "what do we pay per 1M cached tokens", "price for every 1,000 output tokens"
    String.raw`\b${MONEY}\b[^.?!]{0,30}?\s${PER}${KIND}[\s-]+tokens?\b`,
    // "cheapest model per 1k output tokens", "which model is most expensive per output token"
    String.raw`\b(?:cheap(?:est|er)|(?:most|least|more|less)\s+expensive|pricie(?:st|r)|costlie(?:st|r))\b[^.?!]{0,30}?\s${PER}${KIND}[\s-]+tokens?\b`,
    // "input token price", "output token cost", "cached-token rate"
    String.raw`\b${KIND}[\s-]+tokens?\s+(?:${MONEY})\b`,
    // "price of output tokens", "how much did output tokens cost", "what do input tokens cost us"
    String.raw`\b(?:price|cost)\s+of\s+${KIND}\s+tokens\b`,
    String.raw`\b${KIND}\s+tokens\s+(?:cost|costs|costed)\b`,
  ].join('|'),
  'i',
);

export const PER_TOKEN_TYPE =
  'Usage data keeps one cost per LLM call, priced for the call as a whole, not a cost per kind of token, so what input, output or cached tokens cost on their own can\'t be split from it honestly. I can give the cost per 1M tokens over all kinds (e.g. "cost per 1M tokens last month") or the tokens of each kind (e.g. "input tokens by model last month", "cached tokens last month").';

/** The refusal of a cost of one kind of token, or null when the question asks none. */
export function perTokenTypeCost(text: string): string | null {
  return PER_KIND.test(text) ? PER_TOKEN_TYPE : null;
}
