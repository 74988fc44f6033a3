/**
 * "the cost of our Azure subscriptions", "GCP projects spend in May": a kind of sub account in the
 * plural that no grouping word took ("by subscription") and no name stands beside ("the data
 * subscription") asks for all of them together: the spend charged to a sub account, of the cloud
 * whose word it is (account-kinds.ts reads that from the same word). Lines with no sub account
 * (charges to the billing account itself) are under none of them.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

/** Plural only: a singular kind word goes with a name, read by values.ts and account-kinds.ts. */
const PLURAL_KIND = /(?<![\w-])(?:(?:all\s+(?:of\s+)?)?(?:our|the)\s+)?(?:subscriptions|projects|linked\s+accounts|member\s+accounts|compartments|sub[\s-]?accounts)(?![\w-])/;

/** The filter to lines charged to a sub account when such a plural is left, its words taken (account-kinds.ts reads the kind from the question as typed). */
export function takeWholeAccounts(t: QuestionText): Filter[] {
  return t.takeOne(PLURAL_KIND) ? [{ dimension: 'SubAccountId', op: 'not', value: null }] : [];
}
