/**
 * COPYs a load's rows into a month-partitioned table on the load's connection, routing each
 * month's rows: into a new, unindexed table when the load brings the month's first rows (see
 * migration 014), else into the parent, whose partition for the month then exists. `finish` ends
 * the last COPY and makes the new tables partitions, building their indexes in bulk. Runs inside
 * the caller's transaction; a rollback leaves nothing behind.
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type CopyStream = ReturnType<typeof copyFrom>;

/** Bulk index builds sort in memory up to this; PostgreSQL's 64 MB default spills 1M rows to disk. */
const INDEX_BUILD_MEMORY = '256MB';

export class MonthCopy {
  /** Each month met, and whether this load claimed it (its rows go to a table of their own). */
  private readonly months = new Map<string, string | null>();
  private copy: CopyStream | undefined;
  private copyDone: Promise<void> | undefined;
  private target: string | undefined;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly parent: string,
    private readonly key: string,
    private readonly columns: readonly string[],
  ) {}

  /** True while a COPY is under way: the connection is mid-protocol and cannot be reused. */
  get busy(): boolean {
    return this.copy !== undefined;
  }

  /** Writes COPY text lines, all of `month` (the ISO start of a UTC month). */
  async write(month: string, text: Uint8Array): Promise<void> {
    let table = this.months.get(month);
    if (table === undefined) {
      await this.end();
      const { rows } = await this.client.query<{ part: string | null }>('select claim_new_month_partition($1, $2, $3) as part', [this.parent, this.key, month]);
      table = rows[0]!.part;
      this.months.set(month, table);
    }
    const target = table ?? this.parent;
    if (target !== this.target) {
      await this.end();
      this.start(target, table !== null);
    }
    const copy = this.copy!;
    // A refused COPY never drains; its error ends the wait instead.
    if (!copy.write(Buffer.from(text.buffer, text.byteOffset, text.byteLength))) await Promise.race([new Promise((r) => copy.once('drain', r)), this.copyDone]);
  }

  /** Ends the COPY and makes the months this load claimed partitions, building their indexes. */
  async finish(): Promise<void> {
    await this.end();
    const claimed = [...this.months].filter(([, table]) => table !== null).map(([month]) => month);
    if (claimed.length === 0) return;
    await this.client.query(`set local maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
    for (const month of claimed) await this.client.query('select attach_new_month_partition($1, $2)', [this.parent, month]);
  }

  private start(table: string, fresh: boolean): void {
    // FREEZE is allowed (and free) only on a table created in this transaction.
    const copy = this.client.query(copyFrom(`copy ${table} (${this.columns.join(', ')}) from stdin${fresh ? ' with (freeze)' : ''}`));
    this.copyDone = new Promise<void>((resolve, reject) => {
      copy.on('finish', resolve);
      copy.on('error', reject);
    });
    this.copyDone.catch(() => undefined);
    this.copy = copy;
    this.target = table;
  }

  private async end(): Promise<void> {
    if (!this.copy) return;
    this.copy.end();
    await this.copyDone;
    this.copy = undefined;
    this.target = undefined;
  }
}
