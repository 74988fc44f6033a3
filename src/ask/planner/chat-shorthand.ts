/**
 * FinOps shorthand typed in chat, spelt out in the words the planner reads: "L30D", "T7D", "L3M"
 * (the last or trailing 30 days, 7 days, 3 months), "vs LM", "vs PY" (against last month, the
 * prior year), "all-in" spend (everything), "$/day" (per day), "ignore cloud" (excluding it). Each is read only as a word of its
 * own: "t2d-standard-4" is a machine type, "LM" alone may be a name.
 */

const UNITS: Record<string, string> = { d: 'day', w: 'week', m: 'month', q: 'quarter', y: 'year' };

/** "L30D", "T7D", "l12m": last or trailing N days, weeks, months; not part of a longer name. */
const TRAILING = /(?<![\w.-])[lt](\d{1,3})([dwm])(?![\w.-])/gi;

/** "vs LM", "against PQ": the last (or prior) week, month, quarter or year. */
const VERSUS_LAST = /\b(vs\.?|versus|against|compared\s+(?:to|with))\s+[lp]([wmqy])(?![\w.-])/gi;

/** "all-in spend", "all in cost": everything, cloud and AI. */
const ALL_IN = /\ball[\s-]in(?=\s+(?:spend|spending|cost|costs|total|bill)\b)/gi;

/** "ignore cloud", "ignoring staging": said of what is left out, as "excluding". */
const IGNORE = /\bignor(?:e|ing)(?=\s+(?:the\s+)?[\w.-])/gi;

/** "$/day", "$ / mo": money per that unit. */
const MONEY_PER = /\$\s?\/\s?(day|d|week|wk|month|mo)\b/gi;

const unit = (u: string) => UNITS[u.toLowerCase()]!;
const per = (u: string) => (u.toLowerCase().startsWith('d') ? 'day' : u.toLowerCase().startsWith('w') ? 'week' : 'month');

/** The question with its chat shorthand spelt out; the question itself when it has none. */
export function spellChatShorthand(question: string): string {
  return question
    .replace(TRAILING, (_whole, n: string, u: string) => (Number(n) === 1 ? `the last ${unit(u)}` : `the last ${Number(n)} ${unit(u)}s`))
    .replace(VERSUS_LAST, (_whole, vs: string, u: string) => `${vs} last ${unit(u)}`)
    .replace(ALL_IN, 'total')
    .replace(IGNORE, 'excluding')
    .replace(MONEY_PER, (_whole, u: string) => `per ${per(u)}`);
}
