/**
 * FOCUS column names typed as the spec writes them: "sum of EffectiveCost by ServiceCategory for
 * ChargePeriod May 2026". A practitioner who knows the spec's names uses them; each is read as its
 * words ("effective cost", "service category"), which the planner knows. The charge period is the
 * basis every question is read on unless the billing period is named, so naming it adds nothing,
 * and "the sum of" is the total the question asks anyway.
 */
import { FOCUS_COLUMNS } from '../../schema/focus-columns.ts';
import { dimensionOfWord } from './grouping.ts';

/** A column's name in words: "SubAccountId" → "sub account id". */
const spelled = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * The words a name is read as. An id column is named by its dimension word alone where that word
 * names it too ("RegionId" → "region", "ResourceId" → "resource": "which resource id" would leave
 * "id"); a name column whose words name nothing, by its dimension's word ("ProviderName" →
 * "provider", "InvoiceIssuerName" → "invoice issuer"); the charge period, the default basis, by nothing.
 */
function wordsFor(name: string): string {
  if (name.startsWith('ChargePeriod')) return '';
  const words = spelled(name).replace(/ (?:start|end)$/, '');
  if (name.endsWith('Id')) {
    const bare = words.replace(/ id$/, '');
    return dimensionOfWord(bare) === name ? bare : words;
  }
  if (!name.endsWith('Name') || dimensionOfWord(words) !== null) return words;
  const bare = words.replace(/ name$/, '');
  return dimensionOfWord(bare) !== null ? bare : words;
}

const NAMES = new Map([...FOCUS_COLUMNS.map((c) => c.name), 'ChargePeriod', 'BillingPeriod'].map((n) => [n.toLowerCase(), wordsFor(n)]));
/** A word as long as a column name may be (bounded, so a pasted page is read in linear time). */
const WORD = /(?<![\w-])[A-Za-z]{4,48}(?![\w-])/g;
/** Typed as the spec writes a name: a capital inside the word. */
const INNER_CAPITAL = /.[A-Z]/;
/** "the sum of EffectiveCost": said beside a column name, the total the question asks. */
const SUM_OF = /\b(?:the\s+)?sum\s+of\s+(?=\S)/gi;

/** The question with each FOCUS column name in words; the question itself when it names none. */
export function spellColumnNames(question: string): string {
  let named = false;
  const out = question.replace(WORD, (word) => {
    const words = INNER_CAPITAL.test(word) ? NAMES.get(word.toLowerCase()) : undefined;
    if (words === undefined) return word;
    named = true;
    return words;
  });
  return named
    ? out
        .replace(SUM_OF, '')
        .replace(/\s{2,}/g, ' ')
        .trim()
    : question;
}
