/**
 * Turns a FOCUS export's records into COPY text in chunks, with what the load needs to know
 * besides: rejects (as COPY lines for ingest_rejects), the months the rows fall in, and the
 * billing periods they restate. Knows nothing of the database, so it can run on a worker thread.
 */
import type { Attributor } from '../attribution.ts';
import { COPY_NULL, copyText } from '../copy-text.ts';
import { utf8Lines } from '../utf8.ts';
import { detach, toJsonb } from '../values.ts';
import { DailySums } from './daily-sums.ts';
import { planHeader } from './header.ts';
import type { PeriodStats } from './periods.ts';
import type { RecordSource } from './readers.ts';
import { RowConverter, type RawValue } from './row.ts';

/** Past this many bad rows the file is almost surely not a FOCUS export; fail it instead. */
export const MAX_REJECTS = 100_000;

export class BadRowFailure extends Error {
  override name = 'BadRowFailure';
}

/** The failure of a file past MAX_REJECTS, naming the first of its rejects (COPY lines) when there is one. */
export function tooManyBadRows(rejects: readonly string[]): BadRowFailure {
  const first = rejects[0] === undefined ? '' : ` First: ${rejects[0].split('\t').slice(3, 5).join(': ')}`;
  return new BadRowFailure(`more than ${MAX_REJECTS} bad rows; is this a FOCUS export?${first}`);
}

export interface Chunk {
  /**
   * COPY text of the chunk's rows, UTF-8 encoded, a part per month (the ISO start of the UTC
   * month). Bytes rather than a string: they move to the main thread without a copy and go to
   * the socket as they are.
   */
  parts: { month: string; text: Uint8Array }[];
  rows: number;
  lines: number;
  rejected: number;
  progress: number;
}

export class FileConverter {
  readonly copyColumns: string[];
  readonly warnings: string[] = [];
  readonly periods = new Map<string, PeriodStats>();
  readonly rejects: string[] = [];
  /** The rows summed for the daily rollup as they are converted. */
  readonly daily: DailySums;
  private readonly converter: RowConverter;
  private stats: PeriodStats | undefined;

  constructor(
    private readonly source: RecordSource,
    private readonly loadId: string,
    private readonly strict: boolean,
    attributor: Attributor,
    refBase = 0,
  ) {
    const plan = planHeader(source.header);
    if (plan.missingMandatory.length > 0) this.warnings.push(`no ${plan.missingMandatory.join(', ')} column: stored as null`);
    this.converter = new RowConverter(plan, loadId, attributor);
    this.copyColumns = this.converter.copyColumns;
    this.daily = new DailySums(loadId, refBase);
  }

  async *chunks(): AsyncGenerator<Chunk> {
    const width = this.source.header.length;
    for await (const { records, lines: lineNumbers } of this.source.batches) {
      const byMonth = new Map<string, string[]>();
      let rows = 0;
      const rejectedBefore = this.rejects.length;
      for (let i = 0; i < records.length; i++) {
        const record = records[i]!;
        if (record.length !== width) {
          this.reject(lineNumbers[i]!, record, null, `expected ${width} fields, found ${record.length}`);
          continue;
        }
        const line = this.converter.convert(record);
        if (typeof line !== 'string') {
          this.reject(lineNumbers[i]!, record, line.column, line.reason);
          continue;
        }
        const month = this.converter.chargePeriodStart.month;
        const sameMonth = byMonth.get(month);
        if (sameMonth) sameMonth.push(line);
        else byMonth.set(month, [line]);
        rows++;
        this.count();
        this.daily.add(this.converter);
      }
      const parts = [...byMonth].map(([month, lines]) => ({ month, text: utf8Lines(lines) }));
      yield { parts, rows, lines: records.length, rejected: this.rejects.length - rejectedBefore, progress: this.source.progress() };
    }
  }

  /** Adds the current row to its billing period; rows of one period come in runs. */
  private count(): void {
    const c = this.converter;
    const charge = c.chargePeriodStart.epochMs;
    let stats = this.stats;
    if (!stats || stats.provider !== c.provider || stats.billingAccountId !== c.billingAccountId || stats.billingPeriodStart !== c.billingPeriodStart.iso) {
      const key = `${c.provider}\u0001${c.billingAccountId}\u0001${c.billingPeriodStart.epochMs}`;
      stats = this.periods.get(key);
      if (!stats) {
        stats = { provider: detach(c.provider), billingAccountId: detach(c.billingAccountId), billingPeriodStart: c.billingPeriodStart.iso, rows: 0, firstChargeMs: charge, lastChargeMs: charge };
        this.periods.set(key, stats);
      }
      this.stats = stats;
    }
    stats.rows++;
    if (charge < stats.firstChargeMs) stats.firstChargeMs = charge;
    if (charge > stats.lastChargeMs) stats.lastChargeMs = charge;
  }

  private reject(line: number, record: RawValue[], column: string | null, reason: string): void {
    if (this.strict) throw new BadRowFailure(`line ${line}${column ? `, column ${column}` : ''}: ${reason} (--strict stops at the first bad row)`);
    if (this.rejects.length >= MAX_REJECTS) throw tooManyBadRows(this.rejects);
    const fields = Object.fromEntries(this.source.header.map((h, i) => [h, record[i] ?? null]));
    this.rejects.push([this.loadId, copyText(this.source.file), String(line), column === null ? COPY_NULL : copyText(column), copyText(reason), copyText(toJsonb(fields))].join('\t'));
  }
}
