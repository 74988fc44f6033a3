/**
 * An exact sum of decimal texts, as PostgreSQL's sum() over numeric gives it: no rounding, and
 * as many fraction digits as the input with the most (its display scale: "1.10" + "2.2" is
 * "3.30"). Ingest sums amounts while it parses, so what it writes must equal what the database
 * would compute from the stored rows. Values are integers at the sum's scale, held in a float
 * while they are safely integral (almost every value of a real export) and in a bigint past that.
 */

const SAFE = 2 ** 52;

/** The integer and scale of a decimal text (isDecimal's forms: sign, fraction, E notation), as PostgreSQL scales it. */
function parseDecimal(text: string): { digits: bigint; scale: number } {
  const e = text.search(/[eE]/);
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const fraction = dot < 0 ? 0 : mantissa.length - dot - 1;
  // numeric_in keeps the fraction's digits less the exponent, never fewer than none.
  const scale = Math.max(0, fraction - exponent);
  let digits = BigInt(dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1) || '0');
  const shift = scale - fraction + exponent;
  if (shift > 0) digits *= 10n ** BigInt(shift);
  return { digits, scale };
}

export class DecimalSum {
  /** Whether any value was added: a sum of nothing is null, as in SQL. */
  any = false;
  private scale = 0;
  /** The running total is small + big, both integers at `scale`. */
  private small = 0;
  private big = 0n;

  add(text: string): void {
    this.any = true;
    // The usual value: at most 15 plain digits, which a float holds exactly once the dot is gone.
    if (text.length <= 16) {
      let n = 0,
        scale = -1,
        i = 0,
        plain = true;
      const c0 = text.charCodeAt(0);
      if (c0 === 45 || c0 === 43) i = 1;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) {
          n = n * 10 + (c - 48);
          if (scale >= 0) scale++;
        } else if (c === 46 && scale < 0) scale = 0;
        else {
          plain = false;
          break;
        }
      }
      if (plain) {
        if (c0 === 45) n = -n;
        if (scale < 0) scale = 0;
        if (scale > this.scale) this.rescale(scale);
        else if (scale < this.scale) n *= 10 ** (this.scale - scale);
        if (n <= SAFE && n >= -SAFE && Number.isSafeInteger(n)) {
          this.small += n;
          if (this.small > SAFE || this.small < -SAFE) this.flush();
          return;
        }
      }
    }
    const { digits, scale: s } = parseDecimal(text);
    if (s > this.scale) this.rescale(s);
    this.big += digits * 10n ** BigInt(this.scale - s);
  }

  /** The sum as PostgreSQL writes the numeric, or null when nothing was added. */
  toString(): string | null {
    if (!this.any) return null;
    // Most sums never leave the float: format it without BigInt arithmetic.
    const total = this.big === 0n ? this.small : this.big + BigInt(this.small);
    const negative = total < 0;
    const text = (negative ? -total : total).toString().padStart(this.scale + 1, '0');
    const whole = text.slice(0, text.length - this.scale);
    return `${negative ? '-' : ''}${whole}${this.scale > 0 ? `.${text.slice(text.length - this.scale)}` : ''}`;
  }

  private flush(): void {
    this.big += BigInt(this.small);
    this.small = 0;
  }

  private rescale(scale: number): void {
    // A new sum's first value sets its scale: in the float while the product stays exact, since
    // BigInt arithmetic was most of the cost of a new daily-sum group.
    const factor = 10 ** (scale - this.scale);
    if (this.big === 0n && scale - this.scale <= 22 && Math.abs(this.small * factor) <= SAFE) this.small *= factor;
    else {
      this.flush();
      this.big *= 10n ** BigInt(scale - this.scale);
    }
    this.scale = scale;
  }
}
