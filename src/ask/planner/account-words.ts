/**
 * Accounts named by part of their name. One account's ("the master payer account" → ExampleCorp
 * Master Payer, value-index.ts) is said as the stored name it was read as; a word several accounts'
 * names share ("the payer account") is asked about, listing them, rather than answered for one of
 * them or for all.
 */
import { dimensionName } from '../answer/format.ts';
import { fitsHint, norm, type Candidate, type ValueIndex } from './value-index.ts';

const ACCOUNT_NAMES = new Set(['SubAccountName', 'BillingAccountName']);
/** Accounts listed when asking which one; more are counted. */
const LISTED = 8;
/** Words that make a kind of account with the account word ("the billing account", "a linked account"), not a name. */
export const KIND_WORD = /^(?:billing|sub|linked|member)$/;

/** How a part of one account's name was read, or null when the name was typed whole (or names no account). */
export function accountPartReading(phrase: string, chosen: readonly Candidate[]): string | null {
  const one = chosen.length === 1 ? chosen[0]! : null;
  if (!one || !ACCOUNT_NAMES.has(one.dimension) || norm(phrase) === norm(one.value)) return null;
  return `"${phrase}" read as the ${dimensionName(one.dimension)} ${one.value}`;
}

/** For a name beside an account word (`dimension`, as the word reads) that no account is called: which of the accounts with it in their names, when several are. */
export function whichAccount(phrase: string, dimension: string, index: ValueIndex): string | undefined {
  if (KIND_WORD.test(phrase.toLowerCase())) return undefined;
  const several = index.accountsWith(phrase).filter((c) => fitsHint(c.dimension, dimension));
  if (several.length < 2) return undefined;
  const listed = several.slice(0, LISTED).map((c) => `${c.value} (${dimensionName(c.dimension)})`);
  const more = several.length > LISTED ? `, and ${several.length - LISTED} more` : '';
  return `${several.length} accounts have "${phrase}" in their name: ${listed.join(', ')}${more}. Which one did you mean? Name it by more of its name.`;
}
