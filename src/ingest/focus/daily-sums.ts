/**
 * A load's cloud rows summed per UTC day on the daily rollup's columns and the charge kind's
 * inputs, while the worker parses them: the rollup refresh then adds a few thousand sums instead
 * of reading a million rows back (see src/costs/rollup-merge.ts). The sums are exact (DecimalSum)
 * and the keys are the values as stored, so adding them equals recomputing from the table.
 * Produces COPY text for the two tables the merge reads: DAILY_SUM_COLUMNS and CHARGE_KIND_INPUT_COLUMNS.
 */
import { CHARGE_KIND_INPUTS } from '../../costs/charge-kind.ts';
import { COPY_NULL, copyText } from '../copy-text.ts';
import { DecimalSum } from '../decimal-sum.ts';
import { detach } from '../values.ts';
import { FOCUS_COLUMNS } from './columns.ts';
import type { RowConverter } from './row.ts';

/** The rollup's cloud columns each group is keyed by, as cost_lines names them (after day and the inputs' ref). */
const KEY_COLUMNS = ['provider_name', 'service_name', 'sub_account_id', 'region_id', 'billing_currency'] as const;

/** The columns of the sums' COPY text: `kind_ref` points at a line of the charge kind inputs. */
export const DAILY_SUM_COLUMNS = ['day', 'kind_ref', ...KEY_COLUMNS, 'team', 'feature', 'customer', 'environment', 'cost_center', 'billed_cost', 'effective_cost', 'list_cost', 'last_at'] as const;
export const CHARGE_KIND_INPUT_COLUMNS = ['ref', ...CHARGE_KIND_INPUTS] as const;

export interface DailySumsText {
  sums: Uint8Array;
  kindInputs: Uint8Array;
}

const columnIndex = (column: string) => FOCUS_COLUMNS.findIndex((c) => c.column === column);
const KEY_AT = KEY_COLUMNS.map(columnIndex);
const INPUT_AT = CHARGE_KIND_INPUTS.map(columnIndex);
const BILLED = columnIndex('billed_cost'), EFFECTIVE = columnIndex('effective_cost'), LIST = columnIndex('list_cost');
const DAY_MS = 86_400_000;
/** Parts of a key are joined with NUL, which no stored text holds (COPY drops it); null is \u0001 alone. */
const SEP = '\0';
const NULL_PART = '\u0001';

interface Group {
  billed: DecimalSum;
  effective: DecimalSum;
  list: DecimalSum;
  lastMs: number;
  /** The ChargePeriodStart texts at lastMs: the database's maximum is one of them (it keeps microseconds). */
  lastIsos: string[];
}

/** A stored value as a part of a key. */
function part(value: string | null): string {
  if (value === null) return NULL_PART;
  const text = value.includes(SEP) ? value.replaceAll(SEP, '') : value;
  return text.charCodeAt(0) === 1 ? NULL_PART + text : text;
}

function copyPart(keyPart: string): string {
  if (keyPart === NULL_PART) return COPY_NULL;
  return copyText(keyPart.charCodeAt(0) === 1 ? keyPart.slice(1) : keyPart);
}

const encoder = new TextEncoder();

export class DailySums {
  private readonly groups = new Map<string, Group>();
  private readonly kindRefs = new Map<string, number>();

  /** Adds the row the converter has just turned into a COPY line. */
  add(row: RowConverter): void {
    const v = row.values;
    let inputs = part(v[INPUT_AT[0]!]!);
    for (let i = 1; i < INPUT_AT.length; i++) inputs += SEP + part(v[INPUT_AT[i]!]!);
    let ref = this.kindRefs.get(inputs);
    if (ref === undefined) {
      ref = this.kindRefs.size;
      this.kindRefs.set(detach(inputs), ref);
    }
    const at = row.chargePeriodStart;
    let key = `${Math.floor(at.epochMs / DAY_MS)}${SEP}${ref}`;
    for (const i of KEY_AT) key += SEP + part(v[i]!);
    for (const a of row.attribution) key += SEP + part(a);
    let group = this.groups.get(key);
    if (!group) {
      group = { billed: new DecimalSum(), effective: new DecimalSum(), list: new DecimalSum(), lastMs: at.epochMs, lastIsos: [at.iso] };
      this.groups.set(detach(key), group);
    } else if (at.epochMs > group.lastMs) {
      group.lastMs = at.epochMs;
      group.lastIsos = [at.iso];
    } else if (at.epochMs === group.lastMs && !group.lastIsos.includes(at.iso)) group.lastIsos.push(at.iso);
    const billed = v[BILLED], effective = v[EFFECTIVE], list = v[LIST];
    if (billed !== null) group.billed.add(billed!);
    if (effective !== null) group.effective.add(effective!);
    if (list !== null) group.list.add(list!);
  }

  /** The sums and the charge kind inputs they refer to, as COPY text (see the column lists above). */
  toCopyText(): DailySumsText {
    const sums: string[] = [];
    for (const [key, g] of this.groups) {
      const parts = key.split(SEP);
      const day = new Date(Number(parts[0]) * DAY_MS).toISOString().slice(0, 10);
      const amounts = [g.billed, g.effective, g.list].map((s) => s.toString() ?? COPY_NULL);
      // Several texts of one millisecond: the database picks the latest (the array's maximum).
      const last = g.lastIsos.length === 1 ? g.lastIsos[0]! : `{${g.lastIsos.join(',')}}`;
      sums.push([day, parts[1]!, ...parts.slice(2).map(copyPart), ...amounts, last].join('\t'));
    }
    const inputs = [...this.kindRefs].map(([key, ref]) => [String(ref), ...key.split(SEP).map(copyPart)].join('\t'));
    return { sums: encoder.encode(lines(sums)), kindInputs: encoder.encode(lines(inputs)) };
  }
}

const lines = (rows: string[]) => (rows.length === 0 ? '' : rows.join('\n') + '\n');
