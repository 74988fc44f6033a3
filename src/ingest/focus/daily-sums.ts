/**
 * A load's cloud rows summed per UTC day on the daily rollup's columns and the charge kind's
 * inputs, while the worker parses them: the rollup refresh then adds these sums instead of reading
 * a million rows back (see src/costs/rollup-merge.ts). Rows are summed per billing period too,
 * which invoice questions select by. The sums are exact (DecimalSum), and rows
 * are keyed by their fields as the COPY line writes them, so a sum stands for stored values
 * exactly. Produces COPY text of the columns src/schema/daily-sums.ts lists.
 */
import { CHARGE_KIND_INPUTS, DAILY_SUM_KEY_COLUMNS, type DailySumsText } from '../../schema/daily-sums.ts';
import { COPY_NULL } from '../copy-text.ts';
import { DecimalSum } from '../decimal-sum.ts';
import { utf8Lines } from '../utf8.ts';
import { detach } from '../values.ts';
import { DAY_MS } from '../../schema/days.ts';
import { FOCUS_COLUMNS } from '../../schema/focus-columns.ts';
import type { RowConverter } from './row.ts';

const columnIndex = (column: string) => FOCUS_COLUMNS.findIndex((c) => c.column === column);
const KEY_AT = DAILY_SUM_KEY_COLUMNS.map(columnIndex);
const INPUT_AT = CHARGE_KIND_INPUTS.map(columnIndex);
const BILLED = columnIndex('billed_cost'),
  EFFECTIVE = columnIndex('effective_cost'),
  LIST = columnIndex('list_cost');

interface Group {
  billed: DecimalSum;
  effective: DecimalSum;
  list: DecimalSum;
  lastMs: number;
  /** The ChargePeriodStart texts at lastMs: the database's maximum is one of them (it keeps microseconds). */
  lastIsos: string[];
}

function addAmount(sum: DecimalSum, field: string): void {
  if (field !== COPY_NULL) sum.add(field);
}

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * A level per key field (DAILY_SUM_KEY_COLUMNS, then the attribution fields as one), the groups at
 * the last: a row finds its group without joining its fields into one string first, which was most
 * of this class's time at a million rows.
 */
type KeyLevel = Map<string, KeyLevel | Group>;

export class DailySums {
  /**
   * Charge day → billing period day (days since 1970) → charge kind inputs' ref → the other keys'
   * COPY fields, a level each → sums.
   */
  private readonly groups = new Map<number, Map<number, Map<number, KeyLevel>>>();
  /** The charge kind inputs' COPY fields → their ref. */
  private readonly kindRefs = new Map<string, number>();
  /** The last row's charge kind inputs and their ref: a row mostly has the ones of the row before. */
  private readonly lastInputs: string[] = INPUT_AT.map(() => '');
  private lastRef = -1;

  /** `refBase`: the first charge kind inputs' ref, so parts of one load converted apart never share a ref. */
  constructor(
    private readonly loadId: string,
    private readonly refBase = 0,
  ) {}

  /** Adds the row the converter has just turned into a COPY line. */
  add(row: RowConverter): void {
    const at = row.chargePeriodStart;
    const day = Math.floor(at.epochMs / DAY_MS);
    let byPeriod = this.groups.get(day);
    if (!byPeriod) this.groups.set(day, (byPeriod = new Map()));
    const period = Math.floor(row.billingPeriodStart.epochMs / DAY_MS);
    let byKind = byPeriod.get(period);
    if (!byKind) byPeriod.set(period, (byKind = new Map()));
    const ref = this.kindRef(row);
    let level = byKind.get(ref);
    if (!level) byKind.set(ref, (level = new Map()));
    for (let i = 0; i < KEY_AT.length; i++) {
      const field = row.field(KEY_AT[i]!);
      let next = level.get(field) as KeyLevel | undefined;
      if (!next) level.set(detach(field), (next = new Map()));
      level = next;
    }
    const attribution = row.attributionCopy();
    let group = level.get(attribution) as Group | undefined;
    if (!group) {
      group = { billed: new DecimalSum(), effective: new DecimalSum(), list: new DecimalSum(), lastMs: at.epochMs, lastIsos: [at.iso] };
      // Already its own string: the converter keeps one per distinct Tags value.
      level.set(attribution, group);
    } else if (at.epochMs > group.lastMs) {
      group.lastMs = at.epochMs;
      group.lastIsos = [at.iso];
    } else if (at.epochMs === group.lastMs && !group.lastIsos.includes(at.iso)) group.lastIsos.push(at.iso);
    addAmount(group.billed, row.field(BILLED));
    addAmount(group.effective, row.field(EFFECTIVE));
    addAmount(group.list, row.field(LIST));
  }

  /** The sums and the charge kind inputs they refer to, as COPY text (see the column lists above). */
  toCopyText(): DailySumsText {
    const sums: string[] = [];
    for (const [day, byPeriod] of this.groups) {
      for (const [period, byKind] of byPeriod) {
        const days = `${dateOf(day)}\t${dateOf(period)}`;
        for (const [ref, level] of byKind) writeLeaves(sums, `${this.loadId}\t${days}\t${ref}`, level, KEY_AT.length);
      }
    }
    const inputs = [...this.kindRefs].map(([fields, ref]) => `${this.loadId}\t${ref}\t${fields}`);
    return { sums: utf8Lines(sums), kindInputs: utf8Lines(inputs) };
  }

  /** The number of the row's charge kind inputs, compared field by field with the row before's. */
  private kindRef(row: RowConverter): number {
    const last = this.lastInputs;
    let same = true;
    for (let i = 0; i < INPUT_AT.length; i++) {
      const field = row.field(INPUT_AT[i]!);
      if (field !== last[i]) {
        same = false;
        last[i] = field;
      }
    }
    if (same && this.lastRef >= 0) return this.lastRef;
    const inputs = last.join('\t');
    let ref = this.kindRefs.get(inputs);
    if (ref === undefined) {
      ref = this.refBase + this.kindRefs.size;
      this.kindRefs.set(detach(inputs), ref);
    }
    this.lastRef = ref;
    return ref;
  }
}

const amount = (sum: DecimalSum) => sum.toString() ?? COPY_NULL;

/** Appends a COPY line for each group under `level` (`depth` levels of key fields above the groups): `prefix`, its key fields, its sums. */
function writeLeaves(lines: string[], prefix: string, level: KeyLevel, depth: number): void {
  for (const [field, next] of level) {
    const key = `${prefix}\t${field}`;
    if (depth > 0) {
      writeLeaves(lines, key, next as KeyLevel, depth - 1);
      continue;
    }
    const g = next as Group;
    // Several texts of one millisecond: the database takes the latest of them.
    const last = g.lastIsos.length === 1 ? g.lastIsos[0]! : `{${g.lastIsos.join(',')}}`;
    lines.push(`${key}\t${amount(g.billed)}\t${amount(g.effective)}\t${amount(g.list)}\t${last}`);
  }
}
