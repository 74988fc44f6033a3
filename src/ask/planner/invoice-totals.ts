/**
 * Amounts per invoice: "list our invoices", "each Azure invoice total", "invoice totals". An
 * invoice's amount is all of it: with no period said, an invoice (named, or one row per invoice) is
 * read whole, over every billing period it covers, not the part of it in the last 30 days.
 */
import type { QuestionText } from './text.ts';

/** A single amount asked of several invoices: "the total of our May invoices". */
const ONE_TOTAL = /\b(?:total|sum|altogether|combined|overall|in\s+all)\b/;
/** "did we get any credits on the May invoices": whether there is any of it across them, one amount. */
const ANY_ON = /\bany\s+(?:[a-z-]+\s+){1,2}?(?:on|in|across)\s+(?:the\s+|our\s+)?(?:[a-z0-9.-]+\s+){0,2}?invoices\b/;
/** "each Azure invoice", "every invoice": a name or two may stand between; "each month's invoice" is a trend. */
const EACH = /\b(?:each|every)\b(?!\s+(?:day|week|month|quarter|year)s?\b)(?=\s+(?:[a-z0-9.-]+\s+){0,2}invoice\b)/;
/** "invoice totals", "invoice amounts": one amount per invoice. */
const TOTALS = /\binvoice\s+(?:totals|amounts)\b/;

/** Whether the invoice word (`invoice`, as matched) asks for one row per invoice; "each" is taken. */
export function readsPerInvoice(t: QuestionText, invoice: string | undefined): boolean {
  if (!invoice) return false;
  // Read in the whole text: the invoice word after "each" is taken already.
  const each = EACH.exec(t.text);
  const span = each ? { start: each.index, end: each.index + each[0].length } : null;
  if (span && t.isFree(span)) {
    t.mark(span);
    return true;
  }
  if (TOTALS.test(t.text)) return true;
  return invoice === 'invoices' && !ONE_TOTAL.test(t.text) && !ANY_ON.test(t.text);
}

/** What the answer says when invoices are read whole for want of a period; null when none is. */
export function wholeInvoiceNote(named: boolean, groupBy: readonly string[]): string | null {
  if (named) return 'an invoice named by its id is read whole, over every billing period it covers';
  return groupBy.includes('InvoiceId') ? 'each invoice is read whole, over every billing period it covers' : null;
}
