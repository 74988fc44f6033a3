/**
 * Tells, for each chunk of records papaparse hands out, whether any of its fields may hold a
 * newline (a quoted multi-line field), from the newlines of the text it was parsed from: a chunk
 * of N records that ends a line spans N newlines exactly when none is inside a field. Almost no
 * chunk has one, so the reader numbers lines without looking into every field of every record.
 */

function newlinesFrom(text: string, from: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

export class QuotedNewlines {
  /** Characters and newlines of the text fed so far, and its last piece. */
  private fed = 0;
  private newlines = 0;
  private last = '';
  /** Newlines before the previous chunk's end (papaparse's cursor); undefined when not known. */
  private before: number | undefined = 0;

  /** Call with each piece of text papaparse is given, before it parses it. */
  feed(text: string): void {
    this.fed += text.length;
    this.newlines += newlinesFrom(text, 0);
    this.last = text;
  }

  /** Characters fed past `cursor`: the record papaparse holds unfinished. */
  unfinished(cursor: number): number {
    return this.fed - cursor;
  }

  /**
   * For papaparse's next chunk (its record count, its cursor, whether it reported errors): false
   * when none of its records has a newline in a field, true when one may.
   */
  mayHave(records: number, cursor: number, errors: boolean): boolean {
    const tail = this.fed - cursor;
    // The text after the cursor must lie in the last piece to be counted; a record longer than a piece is rare.
    const now = tail < this.last.length ? this.newlines - newlinesFrom(this.last, this.last.length - tail) : undefined;
    const endsLine = now !== undefined && this.last.charCodeAt(this.last.length - tail - 1) === 10;
    const clean = !errors && endsLine && this.before !== undefined && now - this.before === records;
    this.before = now;
    return !clean;
  }
}
