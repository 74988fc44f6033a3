/**
 * The kind of sub account a question names: an Azure owner's "subscription" (or "sub"), a GCP
 * owner's "project", AWS's "linked account", OCI's "compartment". Names repeat across clouds ("data-analytics" is an
 * AWS account, a GCP project and an Azure subscription), so "the data-analytics subscription"
 * keeps to the sub accounts of that FOCUS SubAccountType, when the data records one of that kind;
 * without such a type in the data the word only says which dimension the name is. With a provider
 * named ("AWS spend by linked account") the provider already says whose accounts: a type filter
 * would only drop that provider's accounts an export types otherwise (a generic "SubAccount").
 */
import type { Filter } from '../../costs/query.ts';
import type { Catalog } from './catalog.ts';
import type { Named } from './lists.ts';
import type { QuestionText } from './text.ts';

/** Each kind word and what its FOCUS SubAccountType contains; not a part of a hyphenated name ("my-project-x"). */
const KINDS: Array<[RegExp, string]> = [
  // "sub accounts" are every kind; "our prod sub" is a subscription.
  [/(?<![\w-])(?:subscriptions?|subs?(?!\s*accounts?))(?![\w-])/, 'subscription'],
  [/(?<![\w-])projects?(?![\w-])/, 'project'],
  [/(?<![\w-])linked\s+accounts?(?![\w-])/, 'linked account'],
  [/(?<![\w-])member\s+accounts?(?![\w-])/, 'member account'],
  [/(?<![\w-])compartments?(?![\w-])/, 'compartment'],
];
/** "sub" and "linked" left over once names and groupings were read: the kind word beside a name. */
const LEFT_KIND = /(?<![\w-])(?:subs?(?!\s*accounts?)|linked|member)(?![\w-])/;
const ACCOUNT_DIMENSIONS = new Set(['SubAccountId', 'SubAccountName']);
const PROVIDER_DIMENSIONS = new Set(['provider', 'ProviderName']);

/**
 * The SubAccountType filter a kind word names, when the question is about sub accounts (`dims`:
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
  for (const [re, kind] of KINDS) {
    if (![...t.text.matchAll(new RegExp(re.source, 'g'))].some(free)) continue;
    const types = (catalog.get('SubAccountType') ?? []).filter((v) => v.toLowerCase().includes(kind));
    if (types.length === 0) return null;
    t.takeOne(LEFT_KIND);
    const filter: Filter = types.length === 1 ? { dimension: 'SubAccountType', op: 'eq', value: types[0]! } : { dimension: 'SubAccountType', op: 'in', values: types };
    return { filter, reading: `"${kind}" read as sub accounts of type ${types.join(' or ')}` };
  }
  return null;
}
