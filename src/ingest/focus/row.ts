/**
 * Turns one record of a FOCUS export into a COPY text line for `cost_lines`, or a reject that
 * names the column and the reason. Runs for every row, so it avoids allocation where it can.
 */
import { COPY_NULL, copyText } from '../copy-text.ts';
import { InstantCache, isDecimal, parseJsonObject, type Instant } from '../values.ts';
import { FOCUS_COLUMNS, FOCUS_ENUMS } from './columns.ts';
import type { HeaderPlan } from './header.ts';

export type RawValue = string | number | bigint | boolean | Date | null | undefined | Record<string, unknown>;

export interface ConvertedRow {
  ok: true;
  line: string;
  /** Restatement key: provider, billing account and billing period start. */
  periodKey: string;
  provider: string;
  billingAccountId: string;
  billingPeriodStart: Instant;
  chargePeriodStart: Instant;
}

export interface RejectedRow {
  ok: false;
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

export class RowConverter {
  private readonly instants = new InstantCache();
  private readonly fields: string[] = new Array(FOCUS_COLUMNS.length + 2);

  constructor(
    private readonly plan: HeaderPlan,
    loadId: string,
  ) {
    this.fields[0] = loadId;
  }

  convert(record: readonly RawValue[]): ConvertedRow | RejectedRow {
    const { sourceIndex, extras } = this.plan;
    const fields = this.fields;
    let billingPeriodStart: Instant | undefined;
    let chargePeriodStart: Instant | undefined;
    for (let i = 0; i < FOCUS_COLUMNS.length; i++) {
      const col = FOCUS_COLUMNS[i]!;
      const at = sourceIndex[i]!;
      const text = at < 0 ? null : asText(record[at]);
      if (text === null) {
        if (col.row) return { ok: false, column: col.name, reason: 'missing value (mandatory)' };
        fields[i + 1] = col.name === 'Tags' ? '{}' : COPY_NULL;
        continue;
      }
      switch (col.kind) {
        case 'numeric': {
          const n = text.trim();
          if (!isDecimal(n)) return { ok: false, column: col.name, reason: `not a number: ${JSON.stringify(text.slice(0, 60))}` };
          fields[i + 1] = n;
          break;
        }
        case 'timestamp': {
          const t = this.instants.parse(text);
          if (!t) return { ok: false, column: col.name, reason: `not a date/time: ${JSON.stringify(text.slice(0, 60))}` };
          if (i === BILLING_PERIOD_START) billingPeriodStart = t;
          else if (i === CHARGE_PERIOD_START) chargePeriodStart = t;
          fields[i + 1] = t.iso;
          break;
        }
        case 'json': {
          const json = parseJsonObject(text);
          if (json === undefined) return { ok: false, column: col.name, reason: `not a JSON object: ${JSON.stringify(text.slice(0, 60))}` };
          fields[i + 1] = copyText(json);
          break;
        }
        default: {
          const canonical = COLUMN_ENUMS[i]?.get(text.toLowerCase());
          fields[i + 1] = copyText(canonical ?? text);
        }
      }
    }
    fields[FOCUS_COLUMNS.length + 1] = extras.length === 0 ? COPY_NULL : this.extraJson(record);
    const provider = asText(record[sourceIndex[PROVIDER_NAME]!])!;
    const billingAccountId = asText(record[sourceIndex[BILLING_ACCOUNT_ID]!])!;
    return {
      ok: true,
      line: fields.join('\t'),
      periodKey: `${provider}\u0001${billingAccountId}\u0001${billingPeriodStart!.epochMs}`,
      provider,
      billingAccountId,
      billingPeriodStart: billingPeriodStart!,
      chargePeriodStart: chargePeriodStart!,
    };
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
