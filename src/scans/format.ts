/** Wording shared by the scans' finding titles: money, percentages and scopes for people. */

export function money(x: number, currency = 'USD'): string {
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 2 : 4;
  const text = abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${x < 0 ? '-' : ''}${currency === 'USD' ? '$' : `${currency} `}${text}`;
}

export function percent(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'new';
  return `${ratio >= 0 ? '+' : ''}${Math.round(ratio * 100)} %`;
}

/** `service_name=Amazon EC2, sub_account_id=1111` → `Amazon EC2 / 1111`. */
export function scopeText(scope: Record<string, string>): string {
  return Object.values(scope).join(' / ') || 'all spend';
}
