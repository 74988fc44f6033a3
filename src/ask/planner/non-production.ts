/**
 * "non-prod", "non-production", "nonprod spend", "non-prod (staging + dev)": the environments that
 * are not production, as one filter on the stored environments other than prod, named in the
 * how-line. Read as "not prod" it kept spend with no environment at all (untagged: $494 of the $814
 * the demo's "non-prod spend last month" gave, where staging, the one other environment, spent $320).
 * A list in brackets (after it, or later in the question) only says what the asker means by it; a name in it that is not stored
 * is said.
 */
import type { Filter } from '../../costs/query.ts';
import type { Catalog } from './catalog.ts';
import type { QuestionText } from './text.ts';

const PRODUCTION = /^(?:prod|production|prd|live)$/i;
const ENV_WORD = String.raw`[a-z][a-z-]*`;
/** The brackets' words: "(staging + dev)", "(dev, qa and staging)"; one separator between each two words. */
const LISTED = new RegExp(String.raw`\(\s*${ENV_WORD}(?:\s*[+,&/]\s*(?:and\s+)?${ENV_WORD}|\s+and\s+${ENV_WORD})*\s*\)`);
const NON_PROD = /\bnon[\s-]?(?:prod|production|prd)\b(?:\s+env(?:ironment)?s?\b)?/;

/** The filter and reading of "non-prod", its words taken; a refusal when no other environment is stored; null when not said. */
export function takeNonProduction(t: QuestionText, catalog: Catalog): { filter: Filter; reading: string } | { refusal: string } | null {
  const m = t.takeOne(NON_PROD);
  if (!m) return null;
  const stored = catalog.get('environment') ?? [];
  const others = stored.filter((e) => !PRODUCTION.test(e));
  if (others.length === 0 || others.length === stored.length) {
    return { refusal: `No environment other than production is stored (environments: ${stored.join(', ') || 'none'}), so there is no non-production spend to give.` };
  }
  // The brackets may come later: "non-prod spend last month (staging + dev)".
  const bracket = t.takeOne(LISTED);
  const listed = bracket
    ? bracket[0]
        .slice(1, -1)
        .split(/\s*[+,&/]\s*|\s+and\s+/)
        .map((w) => w.replace(/^and\s+/, '').trim())
    : [];
  const unstored = listed.filter((w) => w && !stored.some((e) => e.toLowerCase() === w));
  const missing = unstored.length ? `; ${unstored.join(', ')} ${unstored.length === 1 ? 'is' : 'are'} not a stored environment` : '';
  return {
    filter: others.length === 1 ? { dimension: 'environment', op: 'eq', value: others[0]! } : { dimension: 'environment', op: 'in', values: others },
    reading: `non-production read as the environment${others.length === 1 ? '' : 's'} ${others.join(', ')} (every stored environment but production); spend with no environment is left out${missing}`,
  };
}
