/**
 * Words the planner itself reads from a question (not names from the data, not time words): Penny
 * addressed by name, names set side by side, a daily average, a share, and the words that say a
 * question is about money at all.
 */
/** Penny addressed by name ("hey Penny, …", "…, Penny?"); elsewhere "Penny" is something asked about. */
export const ADDRESS = /^\W*(?:(?:hey|hi|hello|ok|okay|dear)\s+)?penny\b|,\s*penny\W*$/;
/** Between names, not before a period (time.ts takes "vs last month"): the names side by side. */
export const VERSUS =
  /\b(?:vs\.?|versus|compared\s+(?:to|with)|against|relative\s+to|compare|comparison\s+of|(?:split|difference)\s+between|between|side[\s-]+by[\s-]+side|head[\s-]+to[\s-]+head|(?:cheaper|pricier|costlier|(?:more|less)\s+expensive|higher|lower|more|less)\s+than)\b/;
/** "average daily spend", "daily average" ("daily avg"), "average AI spend per day" (its "per day" is read as a day trend), "daily run rate", "daily burn rate", "what are we spending a day". */
export const DAILY_AVERAGE =
  /\b(?:spend(?:ing)?|spent|cost(?:s|ing)?|paying|burn(?:ing|s)?)\s+a\s+day(?:\s+on\s+average)?\b|\b(?:daily|average)\s+(?:run|burn)[\s-]?rate\b|\b(?:run|burn)[\s-]?rate\s+(?:per|a)\s+day\b|\b(?:average|avg|mean)\s+(?:daily\b|(?=(?:(?:ai|llm|cloud)\s+)?(?:(?:cost|spend|spending)\s+)?(?:per|a|each)\s+day\b))|\bdaily\s+(?:average|avg|mean)\b|\b(?:per|a|each)\s+day\s+on\s+average\b|\bon\s+average\s+(?:per|a|each)\s+day\b/;
/** "what share of spend was untagged": the share is said with every untagged total. */
export const SHARE = /\b(?:what\s+)?(?:share|percent(?:age)?|portion|proportion|fraction|%)\s+of\b/;
/** "what's the damage", "what did BigQuery set us back": slang for cost; "expenses", "outgoings": a bookkeeper's words for it; what a team "owes" in a chargeback. */
export const COST_WORDS =
  /\$|\b(?:cost|costs|spend|spent|spending|pay|paid|bill|billed|charges?|money|usd|dollars|tokens?|calls|requests|price|damage|expenses?|expenditures?|outgoings|outlays?|cash|owe[sd]?|owing)\b|\bset\s+(?:us|me|them|you)\s+back\b/;
