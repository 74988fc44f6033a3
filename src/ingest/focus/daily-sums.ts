/**
 * A load's cloud rows summed per UTC day on the daily rollup's columns and the charge kind's
 * inputs, while the worker parses them: the rollup refresh then adds these sums instead of reading
 * a million rows back (see src/costs/rollup-merge.ts). The sums are exact (DecimalSum), and rows
 * are keyed by their fields as the COPY line writes them, so a sum stands for stored values
 * exactly. Produces COPY text of the columns src/schema/daily-sums.ts lists.
 */
import { CHARGE_KIND_INPUTS, DAILY_SUM_KEY_COLUMNS, type DailySumsText } from '../../schema/daily-sums.ts';
import { COPY_NULL } from '../copy-text.ts';
import { DecimalSum } from '../decimal-sum.ts';
import { utf8Bytes } from '../utf8.ts';
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

const lines = (rows: string[]) => (rows.length === 0 ? '' : rows.join('\n') + '\n');

export class DailySums {
  /** Day (days since 1970) → charge kind inputs' ref → the other keys' COPY fields → sums. */
  private readonly groups = new Map<number, Map<number, Map<string, Group>>>();
  /** The charge kind inputs' COPY fields → their ref. */
  private readonly kindRefs = new Map<string, number>();
  private lastInputs = '';
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
    let byKind = this.groups.get(day);
    if (!byKind) this.groups.set(day, (byKind = new Map()));
    const ref = this.kindRef(row);
    let byKey = byKind.get(ref);
    if (!byKey) byKind.set(ref, (byKey = new Map()));
    let key = row.field(KEY_AT[0]!);
    for (let i = 1; i < KEY_AT.length; i++) key += '\t' + row.field(KEY_AT[i]!);
    key += '\t' + row.attributionCopy();
    let group = byKey.get(key);
    if (!group) {
      group = { billed: new DecimalSum(), effective: new DecimalSum(), list: new DecimalSum(), lastMs: at.epochMs, lastIsos: [at.iso] };
      byKey.set(detach(key), group);
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
    for (const [day, byKind] of this.groups) {
      const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      for (const [ref, byKey] of byKind) {
        for (const [key, g] of byKey) {
          const amounts = [g.billed, g.effective, g.list].map((s) => s.toString() ?? COPY_NULL);
          // Several texts of one millisecond: the database takes the latest of them.
          const last = g.lastIsos.length === 1 ? g.lastIsos[0]! : `{${g.lastIsos.join(',')}}`;
          sums.push(`${this.loadId}\t${date}\t${ref}\t${key}\t${amounts.join('\t')}\t${last}`);
        }
      }
    }
    const inputs = [...this.kindRefs].map(([fields, ref]) => `${this.loadId}\t${ref}\t${fields}`);
    return { sums: utf8Bytes(lines(sums)), kindInputs: utf8Bytes(lines(inputs)) };
  }

  /** The number of the row's charge kind inputs; a row mostly has the ones of the row before. */
  private kindRef(row: RowConverter): number {
    let inputs = row.field(INPUT_AT[0]!);
    for (let i = 1; i < INPUT_AT.length; i++) inputs += '\t' + row.field(INPUT_AT[i]!);
    if (inputs === this.lastInputs) return this.lastRef;
    let ref = this.kindRefs.get(inputs);
    if (ref === undefined) {
      ref = this.refBase + this.kindRefs.size;
      inputs = detach(inputs);
      this.kindRefs.set(inputs, ref);
    }
    this.lastInputs = inputs;
    this.lastRef = ref;
    return ref;
  }
}
