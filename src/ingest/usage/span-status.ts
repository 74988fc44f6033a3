/**
 * Whether an OpenTelemetry span with no status was a success, decided per file and format.
 *
 * OpenTelemetry instrumentations mark a failed call (`error.type`, status ERROR) and most leave a
 * successful one unset, so one span alone cannot tell "succeeded" from "this instrumentation never
 * says". A file whose spans of a format (otel, otlp) set a status on any span comes from an
 * instrumentation that records how calls end: its unset spans are successes. A file where none
 * does keeps them unknown (null). Per row alone, a file that marks only its failures would store
 * nothing but failures as known, and "of the calls whose status is known, all failed" would follow.
 *
 * Rows are stored a chunk at a time: the chunk's insert fills in what is known by then, and a status
 * first seen in a later chunk sets the file's earlier unset spans of that format in one update.
 */
import type pg from 'pg';
import type { SourceFormat, UsageRecord } from './record.ts';

const SPAN_FORMATS: ReadonlySet<SourceFormat> = new Set(['otel', 'otlp']);

export class SpanStatus {
  /** Formats of which some span of this file set a status. */
  private readonly seen = new Set<SourceFormat>();
  /** Formats with unset spans staged since the last store. */
  private unsetStaged = new Set<SourceFormat>();
  /** Formats whose unset spans were stored as unknown before a status was seen. */
  private readonly storedUnknown = new Set<SourceFormat>();
  /** What the insert in progress reads (`$2`): the formats known when it began. */
  private known: SourceFormat[] = [];

  note(r: UsageRecord): void {
    if (!SPAN_FORMATS.has(r.format)) return;
    if (r.status !== undefined) this.seen.add(r.format);
    else this.unsetStaged.add(r.format);
  }

  /**
   * Before a chunk's insert: sets the earlier chunks' unset spans of formats seen since (stored
   * between `first` and `last`), and returns the formats the insert fills in as ok.
   */
  async beforeStore(client: pg.PoolClient, loadId: string, first: number, last: number): Promise<SourceFormat[]> {
    this.known = [...this.seen];
    const late = this.known.filter((f) => this.storedUnknown.has(f));
    if (late.length > 0 && first <= last) {
      await client.query(
        `update llm_usage set status = 'ok'
          where load_id = $1 and source_format = any($2::text[]) and status is null and ts >= $3 and ts <= $4`,
        [loadId, late, new Date(first), new Date(last)],
      );
    }
    for (const f of late) this.storedUnknown.delete(f);
    for (const f of this.unsetStaged) if (!this.known.includes(f)) this.storedUnknown.add(f);
    this.unsetStaged = new Set();
    return this.known;
  }
}

/** The insert's status: the staged one, else ok for a span of a format whose file sets statuses. */
export function storedStatusSql(knownParam: string): string {
  return `case when s.status is null and s.source_format = any(${knownParam}::text[]) then 'ok' else s.status end`;
}
