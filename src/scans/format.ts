/** Wording shared by the scans' finding titles: money, percentages and scopes for people. */
import { DEFAULT_CURRENCY } from '../costs/currency.ts';
import type { FindingDraft } from '../findings/finding.ts';
import { formatMoney } from '../schema/money.ts';

/** "$1,234", "€12.50", "CHF 0.0400": whole units from 100 up, cents from 1, four decimals below. */
export function money(x: number, currency = DEFAULT_CURRENCY): string {
  const abs = Math.abs(x);
  return formatMoney(x, currency, abs >= 100 ? 0 : abs >= 1 ? 2 : 4);
}

export function percent(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'new';
  return `${ratio >= 0 ? '+' : ''}${Math.round(ratio * 100)} %`;
}

/** `service_name=Amazon EC2, sub_account_id=1111` → `Amazon EC2 / 1111`. */
export function scopeText(scope: Record<string, string>): string {
  return Object.values(scope).join(' / ') || 'all spend';
}

/**
 * The fingerprint part of a finding on calls' own costs, which are summed per currency: the
 * currency unless it is the default, so a scope's EUR and USD calls are two findings while USD
 * ones keep their fingerprints.
 */
export const currencyKey = (currency: string): Pick<FindingDraft, 'key'> => (currency === DEFAULT_CURRENCY ? {} : { key: currency });
