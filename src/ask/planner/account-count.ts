/**
 * "how many accounts do we have", "number of gcp projects with charges in May", "how many azure
 * subscriptions": a count of sub accounts. FOCUS puts an AWS member account, an Azure
 * subscription and a Google project in SubAccountId, so they are the distinct ids with charges in
 * the period, within the scope asked. "Billing accounts" (the payer, FOCUS BillingAccountId) are
 * another column and stay declined (counts.ts).
 */
import type { QuestionText } from './text.ts';
import { BILLING_VERB, CHARGED, COUNT_WORD } from './resource-count.ts';

/** The count word, then at most two words ("aws", "linked"), then the account noun, not a billing account. */
const COUNTED = new RegExp(String.raw`\b${COUNT_WORD}(?=(?:\s+[\w.-]+){0,2}?\s+(?:sub[\s-]?accounts?|accounts?|subscriptions?|projects?)\b)(?!(?:\s+[\w.-]+){0,2}?\s+billing\s+accounts?\b)`);
const NOUN = /\b(?:(?:linked|member|cloud)\s+)?(?:sub[\s-]?accounts?|accounts?|subscriptions?|projects?)(?:\s+ids?)?\b/;
const CHARGED_ACCOUNT = /\b(?:distinct|unique|different|separate|active|billed|charged)\b(?=(?:\s+[\w.-]+){0,1}?\s+(?:sub[\s-]?accounts?|accounts?|subscriptions?|projects?)\b)/;

export interface AccountCount {
  of: 'SubAccountId';
  by: string[];
  reading: string;
}

/** A count of sub accounts, its words taken; null when the question counts none. */
export function takeAccountCount(t: QuestionText): AccountCount | null {
  if (!t.takeOne(COUNTED)) return null;
  t.takeOne(CHARGED_ACCOUNT);
  t.takeOne(CHARGED[1]!);
  t.takeOne(BILLING_VERB);
  t.takeOne(NOUN);
  return { of: 'SubAccountId', by: [], reading: 'sub accounts (AWS accounts, Azure subscriptions, Google projects) counted once each by SubAccountId, those with charges in the period' };
}
