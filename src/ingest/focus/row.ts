/**
 * Turns one record of a FOCUS export into a COPY text line for `cost_lines`, or a reject that
 * names the column and the reason. Runs for every row, so it avoids allocation where it can.
 */
import { COPY_NULL, copyText } from '../copy-text.ts';
import { InstantCache, isDecimal, parseJsonObject, type Instant } from '../values.ts';
import { FOCUS_COLUMNS, FOCUS_ENUMS } from './columns.ts';
import type { HeaderPlan } from './header.ts';

export type RawValue = string | number | bigint | boolean | Date | null | undefined | Record<string, unknown>;

export interface RejectedRow {
  column: string | null;
  reason: string;
}

const enumLookup = new Map<string, Map<string, string>>(
  Object.entries(FOCUS_ENUMS).map(([name, values]) => [name, new Map(values.map((v) => [v.toLowerCase(), v]))]),
);
const COLUMN_ENUMS = FOCUS_COLUMNS.map((c) => enumLookup.get(c.name));
const indexOf = (name: string) => FOCUS_COLUMNS.findIndex((c) => c.name === name);
const BILLING_PERIOD_START = indexOf('BillingPeriodStart');
const CHARGE_PERIOD_START = indexOf('ChargePeriodStart');
const PROVIDER_NAME = indexOf('ProviderName');
const BILLING_ACCOUNT_ID = indexOf('BillingAccountId');

function asText(value: RawValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    // Real exports write null both as an empty field and as the word NULL.
    return value === '' || value === 'NULL' || value === 'null' ? null : value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * One converter per file. `convert` returns the COPY line, or a reject; after a line, the public
 * fields describe that row (kept on the converter rather than in a new object per row, since
 * allocation is most of the cost at a million rows).
 */
export class RowConverter {
  provider = '';
  billingAccountId = '';
  billingPeriodStart!: Instant;
  chargePeriodStart!: Instant;
  private readonly instants = new InstantCache();
  /** Per enumerated column, each spelling met so far and its canonical form. */
  private readonly enumSeen = COLUMN_ENUMS.map((e) => (e ? new Map<string, string>() : undefined));
  /** Tags repeat across a resource's rows; parse each distinct value once. */
  private readonly jsonSeen = new Map<string, string | null>();
  private readonly fields: string[] = new Array(FOCUS_COLUMNS.length + 2);

  constructor(
    private readonly plan: HeaderPlan,
    loadId: string,
  ) {
    this.fields[0] = loadId;
  }

  convert(record: readonly RawValue[]): string | RejectedRow {
    const { sourceIndex, extras } = this.plan;
    const fields = this.fields;
    let billingPeriodStart: Instant | undefined;
    let chargePeriodStart: Instant | undefined;
    for (let i = 0; i < FOCUS_COLUMNS.length; i++) {
      const col = FOCUS_COLUMNS[i]!;
      const at = sourceIndex[i]!;
      const text = at < 0 ? null : asText(record[at]);
      if (text === null) {
        if (col.row) return { column: col.name, reason: 'missing value (mandatory)' };
        fields[i + 1] = col.name === 'Tags' ? '{}' : COPY_NULL;
        continue;
      }
      switch (col.kind) {
        case 'numeric': {
          const n = text.trim();
          if (!isDecimal(n)) return { column: col.name, reason: `not a number: ${JSON.stringify(text.slice(0, 60))}` };
          fields[i + 1] = n;
          break;
        }
        case 'timestamp': {
          const t = this.instants.parse(text);
          if (!t) return { column: col.name, reason: `not a date/time: ${JSON.stringify(text.slice(0, 60))}` };
          if (i === BILLING_PERIOD_START) billingPeriodStart = t;
          else if (i === CHARGE_PERIOD_START) chargePeriodStart = t;
          fields[i + 1] = t.iso;
          break;
        }
        case 'json': {
          const json = this.json(text);
          if (json === null) return { column: col.name, reason: `not a JSON object: ${JSON.stringify(text.slice(0, 60))}` };
          fields[i + 1] = json;
          break;
        }
        default: {
          const seen = this.enumSeen[i];
          fields[i + 1] = copyText(seen ? this.canonical(seen, i, text) : text);
        }
      }
    }
    fields[FOCUS_COLUMNS.length + 1] = extras.length === 0 ? COPY_NULL : this.extraJson(record);
    this.provider = asText(record[sourceIndex[PROVIDER_NAME]!])!;
    this.billingAccountId = asText(record[sourceIndex[BILLING_ACCOUNT_ID]!])!;
    this.billingPeriodStart = billingPeriodStart!;
    this.chargePeriodStart = chargePeriodStart!;
    return fields.join('\t');
  }

  private canonical(seen: Map<string, string>, column: number, text: string): string {
    let hit = seen.get(text);
    if (hit === undefined) {
      hit = COLUMN_ENUMS[column]!.get(text.toLowerCase()) ?? text;
      if (seen.size < 1_000) seen.set(text, hit);
    }
    return hit;
  }

  /** The COPY-ready JSON text of a key-value column, or null when it is not a JSON object. */
  private json(text: string): string | null {
    let hit = this.jsonSeen.get(text);
    if (hit === undefined) {
      const parsed = parseJsonObject(text);
      hit = parsed === undefined ? null : copyText(parsed);
      if (this.jsonSeen.size > 20_000) this.jsonSeen.clear();
      this.jsonSeen.set(text, hit);
    }
    return hit;
  }

  private extraJson(record: readonly RawValue[]): string {
    const extra: Record<string, string> = {};
    let any = false;
    for (const { name, index } of this.plan.extras) {
      const v = asText(record[index]);
      if (v !== null) {
        extra[name] = v;
        any = true;
      }
    }
    return any ? copyText(JSON.stringify(extra).replace(/\\u0000/g, '')) : COPY_NULL;
  }
}

/** The COPY column list matching RowConverter's lines. */
export const COST_LINE_COPY_COLUMNS = ['load_id', ...FOCUS_COLUMNS.map((c) => c.column), 'extra'];
