/**
 * "Our main billing account", "the primary account", "our main payer", "the management account":
 * a word for the principal one before an account word, read against the stored billing accounts'
 * names and types (catalog.ts's "billing accounts": name, provider, type). An account is marked the
 * main one by its name ("ExampleCorp Master Payer", "Billing - Primary") or else by its type (AWS's
 * "Payer Account", a "Management Account") unless its name says otherwise ("Secondary Payer").
 * Answered only when exactly one account fits (the only one of the cloud or kind said counts);
 * asked, listing them, when several do; declined, listing the accounts, when none does. "Main" in
 * other roles ("main services", "the main cost drivers") is not beside an account word, and is left.
 */
import type { Filter } from '../../costs/query.ts';
import { dimensionName } from '../answer/format.ts';
import { pairsOf, type Catalog } from './catalog.ts';
import type { QuestionText } from './text.ts';

/** A billing account as the catalog pairs it: its name, its cloud and its FOCUS BillingAccountType. */
export type BillingAccount = [name: string | null, provider: string | null, type: string | null];

export const PRINCIPAL = String.raw`main|primary|master|root|management|mgmt|principal|parent|top[\s-]+level`;
/** The clouds a word before the account word may name, as ProviderName spells them. */
export const CLOUDS: Array<[RegExp, RegExp]> = [
  [/^(?:aws|amazon)$/, /aws|amazon/i],
  [/^(?:azure|microsoft)$/, /azure|microsoft/i],
  [/^(?:google|gcp|google\s+cloud)$/, /google|gcp/i],
  [/^(?:oracle|oci|oracle\s+cloud)$/, /oracle|oci/i],
];
export const CLOUD_WORDS = 'aws|amazon|azure|microsoft|google\\s+cloud|oracle\\s+cloud|google|gcp|oracle|oci';
/** Makers whose cloud's name ends in "cloud": "Google Cloud", "Oracle Cloud". */
export const CLOUD_MAKERS = 'google|oracle';
/** "our main AWS payer account", "the primary billing account", "our main payer": one account, not "main accounts". */
const ASKED = new RegExp(
  String.raw`(?<![\w-])(?:(?:our|the|my)\s+)?(${PRINCIPAL})\s+(?:(${CLOUD_WORDS})\s+)?(?:(billing|payer|paying|payment|management|master|root)\s+)?(account|acct|payer)(?![\w-])`,
);
/** Words of a name or type that mark the principal account. */
const MAIN_NAME = /^(?:main|primary|master|root|management|mgmt|principal|parent)$/;
const MAIN_TYPE = /\b(?:payer|management|master|root|primary|parent)\b/i;
/** Words of a name that say it is not the principal one, whatever its type. */
const NOT_MAIN = /^(?:secondary|backup|child|member|linked|sub|dev|test|sandbox|staging)$/;
/** Accounts listed when asking which; more are counted. */
const LISTED = 8;

/**
 * Every stored billing account name with its cloud and type where the catalog pairs them (a catalog
 * extended from one stored before the pairs were read lacks them until its next full read).
 */
export function billingAccountsOf(catalog: Catalog): BillingAccount[] {
  const pairs = new Map<string, BillingAccount>();
  for (const [name, provider, type] of pairsOf(catalog, 'billing accounts')) if (name && !pairs.has(name)) pairs.set(name, [name, provider ?? null, type ?? null]);
  return (catalog.get('BillingAccountName') ?? []).map((name) => pairs.get(name) ?? [name, null, null]);
}

const wordsOf = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/);

/** Why an account is the main one ("its name says master", "its type is Payer Account"), or null. */
function mainBy([name, , type]: BillingAccount): string | null {
  const words = wordsOf(name ?? '');
  const named = words.find((w) => MAIN_NAME.test(w));
  if (named) return `its name says ${named}`;
  return type && MAIN_TYPE.test(type) && !words.some((w) => NOT_MAIN.test(w)) ? `its type is ${type}` : null;
}

const listed = (accounts: BillingAccount[]) =>
  `${accounts
    .slice(0, LISTED)
    .map(([name, provider, type]) => `${name}${provider || type ? ` (${[provider, type].filter(Boolean).join(', ')})` : ''}`)
    .join('; ')}${accounts.length > LISTED ? `; and ${accounts.length - LISTED} more` : ''}`;

/** How the question's words stand to stored names: a word that is a whole name; a phrase inside an account's name. */
export interface NameCheck {
  isName: (word: string) => boolean;
  inAccountName: (phrase: string) => boolean;
}
/** The word just before the qualifier, looked for this far back. */
const REACH = 64;
// Over punctuation too: "ExampleCorp MCA - Primary".
const WORD_BEFORE = /([a-z0-9][a-z0-9_]*)[^a-z0-9_]+$/i;

export type PrincipalAccount = { filter: Filter; reading: string } | { phrase: string; which: string };

/**
 * The main billing account a question names, its words taken; `which` when several or none fit;
 * null when the question names none, when the qualifier is itself a stored name, or the words end
 * an account's name typed whole.
 */
export function takePrincipalAccount(t: QuestionText, accounts: readonly BillingAccount[], names: NameCheck): PrincipalAccount | null {
  const m = t.peek(ASKED);
  if (!m || accounts.length === 0 || names.isName(m[1]!)) return null;
  // "the ExampleCorp Master Payer", "the ExampleCorp MCA - Primary billing account": the words end a
  // stored name typed whole, which names read; the account word after it says what it is.
  const before = /^(?:our|the|my)\s/.test(m[0]) ? undefined : WORD_BEFORE.exec(t.text.slice(Math.max(0, m.index - REACH), m.index))?.[1];
  if (before && (names.inAccountName(`${before} ${m[0]}`) || names.inAccountName(`${before} ${m[1]}`))) return null;
  const [, , cloudWord, kind, noun] = m;
  const cloud = cloudWord ? CLOUDS.find(([word]) => word.test(cloudWord.replace(/\s+/g, ' ')))?.[1] : undefined;
  const ofCloud = accounts.filter(([name, provider]) => name && (!cloud || (provider && cloud.test(provider))));
  // A payer is any billing account, unless some say "payer" in their name or type.
  const payers = ofCloud.filter(([name, , type]) => /pay/i.test(`${name} ${type ?? ''}`));
  const pool = (kind && /^pay/.test(kind)) || noun === 'payer' ? (payers.length > 0 ? payers : ofCloud) : ofCloud;
  const marked = pool.flatMap((a) => {
    const why = mainBy(a);
    return why ? [{ account: a, why }] : [];
  });
  const phrase = m[0].replace(/^(?:our|the|my)\s+/, '');
  const scope = cloudWord ? ` of ${ofCloud[0]?.[1] ?? cloudWord}` : '';
  const one = marked.length === 1 ? marked[0]! : pool.length === 1 ? { account: pool[0]!, why: `it is the only billing account${scope}` } : null;
  t.mark({ start: m.index, end: m.index + m[0].length });
  if (one) {
    return {
      filter: { dimension: 'BillingAccountName', op: 'eq', value: one.account[0]! },
      reading: `"${phrase}" read as the ${dimensionName('BillingAccountName')} ${one.account[0]}: ${one.why}`,
    };
  }
  if (pool.length === 0) return { phrase, which: `I found no billing account${scope} in the data.` };
  if (marked.length > 1) {
    const several = marked.map((x) => x.account);
    return { phrase, which: `${several.length} billing accounts${scope} are marked as the main one by their name or type: ${listed(several)}. Which one did you mean? Name it, or its cloud.` };
  }
  return {
    phrase,
    which: `None of the ${pool.length} billing accounts${scope} is marked as the main one by its name or type (main, primary, master, root, management, payer): ${listed(pool)}. Name the one you mean.`,
  };
}
