/**
 * Exact decimal sums in tests, so expected money is computed independently of Postgres and
 * without floating point.
 */
const SCALE = 30;

export function toScaled(text: string): bigint {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${text}`);
  const [, sign, int = '', frac = '', exp = '0'] = m;
  let digits = (int || '0') + frac;
  let point = (int || '0').length + Number(exp);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  const whole = digits.slice(0, point).padEnd(point, '0') || '0';
  const fraction = digits.slice(point).padEnd(SCALE, '0').slice(0, SCALE);
  const value = BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction || '0');
  return sign === '-' ? -value : value;
}

export function sumDecimals(values: string[]): bigint {
  return values.reduce((acc, v) => acc + toScaled(v), 0n);
}
