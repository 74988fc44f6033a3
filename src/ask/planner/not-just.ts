/**
 * "not just the platform team, everyone", "not only EC2 but everything": the name is said to be
 * widened, not asked about, so the question is read with it left out (no filter on its kind) and
 * the answer says so. "not only search but also checkout" names both: read as "search and
 * checkout", a row each (lists.ts). Read before anything else, by rewriting the question and
 * planning the rewrite: read word by word, "not … search" would exclude the name it widens.
 */
import type { Plan, Refusal } from './plan-result.ts';

/** Everybody or everything: the whole company, no filter. */
const EVERYONE = String.raw`(?:every(?:one|body|thing)|all\s+(?:of\s+(?:us|them|it)|(?:the\s+)?(?:teams|services|accounts|clouds|features|models))|the\s+(?:whole|entire)\s+(?:company|org(?:ani[sz]ation)?|bill)|company[\s-]wide|across\s+the\s+board)`;

/** "not just X, everyone", "not only for X but for everybody": X is a short span without a clause mark. */
const WIDENED = new RegExp(String.raw`\bnot\s+(?:just|only|merely|simply)\s+(?:for\s+)?([^,;.?!]{1,60}?)\s*(?:[,;:]|\s[-–—])?\s+(?:but\s+)?(?:also\s+)?(?:for\s+)?${EVERYONE}\b`, 'i');

/** "not only search but also checkout": both names. */
const BOTH = /\bnot\s+(?:just|only|merely)\s+([^,;.?!]{1,60}?)\s*,?\s+but\s+(?:also\s+)?(?=\w)/i;

/**
 * "not the AI bill, just cloud: QTD spend", "not asking about GCP — just AWS: what did EC2 cost":
 * what is not asked, then what is, before the question; the question is read with the second alone.
 */
const JUST_THIS = /^\W*not\s+(?:asking\s+(?:about|for)\s+)?([^,;:.?!\u2014\u2013]{1,40})(?:[,;]|\s[-\u2013\u2014])\s?(?:just|only)\s+([^,;:.?!\u2014\u2013]{1,40})(?::|\s[-\u2013\u2014])\s?(?=\S)/i;

/** The question read with its "not just" widened or joined, or null when it says neither. */
export function readNotJust(question: string, plan: (text: string) => Plan | Refusal): Plan | Refusal | null {
  const only = JUST_THIS.exec(question);
  if (only) {
    const read = plan(`${only[2]!.trim()} ${question.slice(only[0].length)}`);
    return read.ok ? { ...read, assumptions: [`"not ${only[1]!.trim()}" says what is not asked: read for ${only[2]!.trim()} only`, ...read.assumptions] } : read;
  }
  const widened = WIDENED.exec(question);
  if (widened) {
    const text = `${question.slice(0, widened.index)} ${question.slice(widened.index + widened[0].length)}`.replace(/\s*,\s*(?=[?.!]?\s*$)/, '').trim();
    const read = plan(text === '' ? 'spend' : text);
    return read.ok ? { ...read, assumptions: [`"${widened[0].trim()}" read as everyone: no filter on ${widened[1]!.trim()}`, ...read.assumptions] } : read;
  }
  const both = BOTH.exec(question);
  if (!both) return null;
  const read = plan(`${question.slice(0, both.index)}${both[1]!.trim()} and ${question.slice(both.index + both[0].length)}`);
  return read.ok ? { ...read, assumptions: [`"${both[0].trim()} …" read as both`, ...read.assumptions] } : read;
}
