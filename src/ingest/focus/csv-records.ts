/**
 * Splits CSV text, fed in pieces, into records: the same records papaparse 5 gives for the same
 * text with newline `\n` and the same delimiter, read as a stream (a record is handed out once the
 * newline ending it is read; the last one, without a newline, when the text ends), its handling of
 * malformed quotes included, at a fraction of its CPU: papaparse was a third of a large load's
 * parsing. Each record comes with the physical line it starts on, counting the newlines inside its
 * quoted fields. The delimiter is papaparse's own guess from the first piece, so files read as before.
 */
import Papa from 'papaparse';

const QUOTE = 34;
const NEWLINE = 10;

/** Records ended by a piece of text and, at the same index, the line each starts on (1-based). */
export interface ScannedRecords {
  records: string[][];
  lines: number[];
}

/** The delimiter papaparse guesses from the first piece of a file's text (`,` when it cannot tell). */
export function guessDelimiter(firstPiece: string): string {
  return Papa.parse<string[]>(firstPiece, { newline: '\n', preview: 1 }).meta.delimiter || ',';
}

/** Newlines in `text` from `from` to `to`. */
function newlinesBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/**
 * After what may close a quoted field at `q`: where the next field starts (past a delimiter) or
 * the next record does (past a newline), or -1 when the quote is malformed and part of the field.
 * As papaparse, whitespace is allowed between the quote and a delimiter or newline.
 */
function afterClosingQuote(text: string, q: number, delimiter: string): { next: number; endsRecord: boolean } | undefined {
  const nextDelimiter = text.indexOf(delimiter, q + 1);
  const nextNewline = text.indexOf('\n', q + 1);
  const spaces = (upTo: number) => {
    if (upTo === -1) return 0;
    const between = text.substring(q + 1, upTo);
    return between !== '' && between.trim() === '' ? between.length : 0;
  };
  // papaparse's own bounds, -1 included: the whitespace before a newline counts only in the second test.
  const toDelimiter = spaces(nextNewline === -1 ? nextDelimiter : Math.min(nextDelimiter, nextNewline));
  if (text.substr(q + 1 + toDelimiter, delimiter.length) === delimiter) return { next: q + 1 + toDelimiter + delimiter.length, endsRecord: false };
  const toNewline = spaces(nextNewline);
  if (text.charCodeAt(q + 1 + toNewline) === NEWLINE) return { next: q + 2 + toNewline, endsRecord: true };
  return undefined;
}

export class CsvRecords {
  /** Text of a record not yet ended. */
  private pending = '';
  /** Physical lines of the records handed out so far. */
  private line = 0;
  private quotesOpen = false;
  private readonly delimiterCode: number;
  /** Fields of the last record: the next is made that long up front, not grown field by field. */
  private width = 0;

  constructor(private readonly delimiter: string) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** The records `piece` ends (with the text before it still pending). */
  push(piece: string): ScannedRecords {
    const text = this.pending + piece;
    const out: ScannedRecords = { records: [], lines: [] };
    this.pending = text.substring(this.scan(text, false, out));
    return out;
  }

  /** At the end of the text: the last record, when it did not end with a newline. */
  end(): ScannedRecords {
    const out: ScannedRecords = { records: [], lines: [] };
    if (this.pending !== '') this.scan(this.pending, true, out);
    this.pending = '';
    return out;
  }

  /** Characters held for a record not yet ended. */
  unfinished(): number {
    return this.pending.length;
  }

  /** Physical lines of the records handed out so far. */
  linesRead(): number {
    return this.line;
  }

  /** After end(): whether the text ended inside a quoted field. */
  endsInQuotes(): boolean {
    return this.quotesOpen;
  }

  /**
   * Appends the records of `text` to `out`; returns where the first one not ended starts. With
   * `last`, the text's end ends the last record.
   */
  private scan(text: string, last: boolean, out: ScannedRecords): number {
    const { delimiter, delimiterCode } = this;
    const length = text.length;
    let start = 0;
    let at = 0;
    let row: string[] = new Array(this.width);
    let fields = 0;
    const field = (value: string) => {
      row[fields++] = value;
    };
    // The first delimiter and newline at or after `at` (or -1), found again only once passed.
    let nextDelimiter = text.indexOf(delimiter);
    let nextNewline = text.indexOf('\n');
    let firstNewline = nextNewline;
    const endRecord = (end: number, next: number) => {
      if (fields !== row.length) row.length = fields;
      this.width = fields;
      out.records.push(row);
      out.lines.push(this.line + 1);
      this.line += 1 + (firstNewline === end ? 0 : newlinesBetween(text, start, end));
      row = new Array(this.width);
      fields = 0;
      start = at = next;
      if (nextNewline !== -1 && nextNewline < at) nextNewline = text.indexOf('\n', at);
      firstNewline = nextNewline;
    };
    for (;;) {
      if (text.charCodeAt(at) === QUOTE) {
        const from = at + 1;
        let escaped = false;
        for (let q = at; ; ) {
          q = text.indexOf('"', q + 1);
          if (q === -1) {
            if (!last) return start;
            // Papaparse keeps the rest of the text, raw, as the field.
            field(text.substring(from));
            this.quotesOpen = true;
            endRecord(length, length);
            return length;
          }
          if (q === length - 1) {
            if (!last) return start;
            field(unquote(text, from, q, escaped));
            endRecord(length, length);
            return length;
          }
          const c = text.charCodeAt(q + 1);
          if (c === QUOTE) {
            escaped = true;
            q++;
            continue;
          }
          let next: number;
          let endsRecord: boolean;
          if (c === delimiterCode) {
            next = q + 2;
            endsRecord = false;
          } else if (c === NEWLINE) {
            next = q + 2;
            endsRecord = true;
          } else {
            const after = afterClosingQuote(text, q, delimiter);
            if (!after) {
              // A stray quote in the field; papaparse skips the character after it too.
              escaped = true;
              q++;
              continue;
            }
            ({ next, endsRecord } = after);
          }
          field(unquote(text, from, q, escaped));
          if (endsRecord) {
            endRecord(next - 1, next);
          } else {
            at = next;
            if (nextNewline !== -1 && nextNewline < at) nextNewline = text.indexOf('\n', at);
          }
          break;
        }
        continue;
      }
      if (nextDelimiter !== -1 && nextDelimiter < at) nextDelimiter = text.indexOf(delimiter, at);
      if (nextDelimiter !== -1 && (nextDelimiter < nextNewline || nextNewline === -1)) {
        field(text.substring(at, nextDelimiter));
        at = nextDelimiter + 1;
        continue;
      }
      if (nextNewline !== -1) {
        field(text.substring(at, nextNewline));
        endRecord(nextNewline, nextNewline + 1);
        continue;
      }
      if (!last) return start;
      field(text.substring(at));
      endRecord(length, length);
      return length;
    }
  }
}

/** A quoted field's value, its doubled quotes made single. */
function unquote(text: string, from: number, to: number, escaped: boolean): string {
  const value = text.substring(from, to);
  return escaped ? value.replaceAll('""', '"') : value;
}
