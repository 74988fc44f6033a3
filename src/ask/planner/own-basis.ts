/**
 * A forecast on a basis the asker sets: "if the rest of November goes like the last week", "at
 * last month's pace", "what if we doubled traffic". Penny's forecast has one basis of its own (the
 * month's spend to date, each remaining day at its weekday's average over the last 28 days), so
 * its number answers a different question: such questions are declined, saying the basis used.
 */

/** A period named as the pattern to project: "like the last week", "as in October", "at the same rate as last month". */
const LIKE_PERIOD =
  /\b(?:like|as(?:\s+it\s+did)?\s+(?:in|over|during))\s+(?:the\s+|a\s+)?(?:(?:last|past|previous|first|second)\s+(?:\d+\s+|few\s+|couple\s+(?:of\s+)?)?(?:days?|weeks?|months?|quarters?|fortnight)|yesterday|(?:jan|febr)uary|march|april|may|june|july|august|september|october|november|december)\b/;
/** A period named as the basis: "run rate off October's spend", "based on last week", "using the past 2 weeks". */
const BASED_ON =
  /\b(?:off|based\s+on|using|going\s+by)\s+(?:the\s+|our\s+)?(?:(?:last|past|previous|first)\s+(?:\d+\s+|few\s+)?(?:days?|weeks?|months?|quarters?|fortnight)|yesterday|(?:jan|febr)uary|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec))(?:'s)?\b/;
const AT_RATE = /\bat\s+(?:the\s+)?(?:same\s+)?(?:rate|pace|run\s*rate)\s+(?:of|as)\b|\b(?:week|month|day|quarter)(?:'?s)?\s+(?:rate|pace)\b/;
/** A change the asker imagines: "what if", "if we moved / switched / doubled / cut …". */
const IMAGINED_CHANGE =
  /\bwhat\s+if\b|\bif\s+(?:we|they|you|the\s+\w+\s+team)\s+(?:moved?|switch(?:ed)?|migrat(?:e|ed)|cut|doubled?|halved?|tripled?|dropped?|added?|stopped?|turned\s+off|shut\s+down|grew|grow)\b/;

/** The refusal of a forecast or budget question that sets its own basis, or null when it sets none. */
export function ownBasisRefusal(text: string): string | null {
  const said = LIKE_PERIOD.exec(text) ?? BASED_ON.exec(text) ?? AT_RATE.exec(text) ?? IMAGINED_CHANGE.exec(text);
  if (!said) return null;
  return `I forecast on one basis only (this month's spend to date, each remaining day at the average of its weekday over the last 28 days), so I can't project "${said[0].trim().replace(/\s+/g, ' ')}". Ask "what is the forecast for this month?", or for the spend of the period you would project from.`;
}
