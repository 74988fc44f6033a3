/**
 * "credits on our gcp billing account", "AWS spend under our billing account": the billing account
 * said as the place the bill is, with no word for which one. It names no account (a cloud word
 * beside it is read as the cloud, as anywhere), so every billing account in scope is counted, and
 * the answer says how many that is when there are several: the asker may think there is one. "Our
 * main billing account" is one account (principal-account.ts); "by billing account" a grouping.
 */
import { CLOUD_WORDS, CLOUDS, type BillingAccount } from './principal-account.ts';
import type { QuestionText } from './text.ts';

const OURS = new RegExp(String.raw`(?<![\w-])(?:on|in|under|across|for|from|of)\s+(our|the|my)\s+(?:(${CLOUD_WORDS})\s+)?(billing\s+accounts?)(?![\w-])`, 'd');

/** How "our billing account" was read (its words taken, the cloud word left), or null when not said. */
export function takeOurBillingAccount(t: QuestionText, accounts: readonly BillingAccount[]): string | null {
  const m = t.peek(OURS);
  if (!m) return null;
  // "our" and "billing account" are taken; the cloud word between them is left to name the cloud.
  for (const group of [1, 3]) {
    const [start, end] = m.indices![group]!;
    t.mark({ start, end });
  }
  const cloud = m[2] ? CLOUDS.find(([word]) => word.test(m[2]!.replace(/\s+/g, ' ')))?.[1] : undefined;
  const inScope = accounts.filter(([name, provider]) => name && (!cloud || (provider && cloud.test(provider))));
  if (inScope.length < 2) return null;
  return `"${m[1]} ${m[2] ? `${m[2]} ` : ''}${m[3]}" read as all ${inScope.length} billing accounts${m[2] ? ` of ${inScope[0]![1]}` : ''} (${inScope.map(([name]) => name).join(', ')})`;
}
