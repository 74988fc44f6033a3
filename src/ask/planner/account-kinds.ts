/**
 * The kind of sub account a question names: an Azure owner's "subscription" (or "sub"), a GCP
 * owner's "project", AWS's "linked account", OCI's "compartment". Names repeat across clouds ("data-analytics" is an
 * AWS account, a GCP project and an Azure subscription), so "the data-analytics subscription"
 * keeps to the accounts of the cloud whose word it is (Azure's), whatever type text an export gives
 * them (a consolidated export types every account "SubAccount"); when the data holds no provider of
 * that cloud, to the sub accounts of that FOCUS SubAccountType, the only signal left; without either
 * the word only says which dimension the name is. With a provider
 * named ("AWS spend by linked account") the provider already says whose accounts: a type filter
 * would only drop that provider's accounts an export types otherwise (a generic "SubAccount").
 */
import type { Filter } from '../../costs/query.ts';
import type { Catalog } from './catalog.ts';
import type { Named } from './lists.ts';
import type { QuestionText } from './text.ts';

/** The ProviderName spellings of each cloud whose accounts a kind word names. */
const AWS = /^(?:aws|amazon(?:\s+web\s+services)?)$/i;
const AZURE = /^(?:(?:microsoft\s+)?azure|microsoft)$/i;
const GOOGLE = /^(?:google(?:\s+cloud(?:\s+platform)?)?|gcp)$/i;
const OCI = /^(?:oracle(?:\s+cloud(?:\s+infrastructure)?)?|oci)$/i;
/** Each kind word, what its FOCUS SubAccountType contains and whose word it is; not a part of a hyphenated name ("my-project-x"). */
const KINDS: Array<[RegExp, string, RegExp]> = [
  // "sub accounts" are every kind; "our prod sub" is a subscription.
  [/(?<![\w-])(?:subscriptions?|subs?(?!\s*accounts?))(?![\w-])/, 'subscription', AZURE],
  [/(?<![\w-])projects?(?![\w-])/, 'project', GOOGLE],
  [/(?<![\w-])linked\s+accounts?(?![\w-])/, 'linked account', AWS],
  [/(?<![\w-])member\s+accounts?(?![\w-])/, 'member account', AWS],
  [/(?<![\w-])compartments?(?![\w-])/, 'compartment', OCI],
];
/** "sub" and "linked" left over once names and groupings were read: the kind word beside a name. */
const LEFT_KIND = /(?<![\w-])(?:subs?(?!\s*accounts?)|linked|member)(?![\w-])/;
const ACCOUNT_DIMENSIONS = new Set(['SubAccountId', 'SubAccountName']);
const PROVIDER_DIMENSIONS = new Set(['provider', 'ProviderName']);

/** A filter on `values` of `dimension`: one value or several. */
const oneOrMore = (dimension: string, values: string[]): Filter => (values.length === 1 ? { dimension, op: 'eq', value: values[0]! } : { dimension, op: 'in', values });

/**
 * The provider or SubAccountType filter a kind word names, when the question is about sub accounts (`dims`:
 * the dimensions already filtered or grouped by) and the data holds that kind; its word taken.
 */
export function takeAccountKind(t: QuestionText, catalog: Catalog, dims: readonly string[], names: readonly Named[]): { filter: Filter; reading: string } | null {
  if (!dims.some((d) => ACCOUNT_DIMENSIONS.has(d))) return null;
  if (dims.some((d) => PROVIDER_DIMENSIONS.has(d))) {
    t.takeOne(LEFT_KIND);
    return null;
  }
  // "Sub 1", "prod-sub": a kind word inside a stored name the question says is that name's, not a kind.
  const inNames = names.flatMap((n) => {
    const at = t.text.indexOf(n.phrase, n.start);
    return at < 0 ? [] : [{ start: at, end: at + n.phrase.length }];
  });
  const free = (m: RegExpExecArray) => !inNames.some((s) => m.index < s.end && m.index + m[0].length > s.start);
  for (const [re, kind, cloud] of KINDS) {
    if (![...t.text.matchAll(new RegExp(re.source, 'g'))].some(free)) continue;
    const providers = (catalog.get('provider') ?? []).filter((v) => cloud.test(v.trim()));
    const types = (catalog.get('SubAccountType') ?? []).filter((v) => v.toLowerCase().includes(kind));
    if (providers.length === 0 && types.length === 0) return null;
    t.takeOne(LEFT_KIND);
    if (providers.length > 0) return { filter: oneOrMore('provider', providers), reading: `"${kind}" read as the sub accounts of ${providers.join(' and ')}` };
    return { filter: oneOrMore('SubAccountType', types), reading: `"${kind}" read as sub accounts of type ${types.join(' or ')}` };
  }
  return null;
}
