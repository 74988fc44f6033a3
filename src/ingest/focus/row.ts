/**
 * Turns one record of a FOCUS export into a COPY text line for `cost_lines`, or a reject that
 * names the column and the reason; the attribution columns (team, feature, ...) come from the
 * row's Tags through the Attributor. Runs for every row, so it avoids allocation where it can.
 */
import { ATTRIBUTION_DIMENSIONS } from '../../schema/attribution.ts';
import type { Attributor } from '../attribution.ts';
import { COPY_NULL, copyText } from '../copy-text.ts';
import { detach, InstantCache, instantRefusal, jsonObjectRefusal, MAX_AMOUNT, MAX_QUANTITY, parseJsonObject, toJsonb, wholeDigits, type Instant } from '../values.ts';
import { FOCUS_COLUMNS, FOCUS_ENUMS, type FocusColumn } from '../../schema/focus-columns.ts';
import type { HeaderPlan } from './header.ts';

export type RawValue = string | number | bigint | boolean | Date | null | undefined | Record<string, unknown>;

export interface RejectedRow {
  column: string | null;
  reason: string;
}

const enumLookup = new Map<string, Map<string, string>>(Object.entries(FOCUS_ENUMS).map(([name, values]) => [name, new Map(values.map((v) => [v.toLowerCase(), v]))]));
const COLUMN_ENUMS = FOCUS_COLUMNS.map((c) => enumLookup.get(c.name));
const indexOf = (name: string) => FOCUS_COLUMNS.findIndex((c) => c.name === name);
const BILLING_PERIOD_START = indexOf('BillingPeriodStart');
const CHARGE_PERIOD_START = indexOf('ChargePeriodStart');
const PROVIDER_NAME = indexOf('ProviderName');
const BILLING_ACCOUNT_ID = indexOf('BillingAccountId');
const TAGS = indexOf('Tags');

/** The attribution fields of a row without Tags, COPY-ready (the columns are ATTRIBUTION_DIMENSIONS, in order). */
const NO_ATTRIBUTION = ATTRIBUTION_DIMENSIONS.map(() => COPY_NULL).join('\t');

/** A distinct Tags value, parsed once: its jsonb text and its attribution fields, both COPY-ready. */
interface TagsCell {
  json: string;
  attribution: string;
}

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

const NUMERIC_KIND = 1,
  TIMESTAMP_KIND = 2,
  JSON_KIND = 3,
  TEXT_KIND = 0;
const KIND_CODE = { text: TEXT_KIND, numeric: NUMERIC_KIND, timestamp: TIMESTAMP_KIND, json: JSON_KIND } as const;

interface PresentColumn {
  col: FocusColumn;
  /** Its index in FOCUS_COLUMNS. */
  index: number;
  at: number;
  kind: number;
  /** 1: BillingPeriodStart, 2: ChargePeriodStart, whose values the load keeps per row; 3: Tags. */
  role: number;
  /** A numeric column's values are below this in magnitude (see MAX_AMOUNT, MAX_QUANTITY). */
  max: number;
  /** log10(max): a value with fewer whole digits is surely below max. */
  maxDigits: number;
  /** Each spelling of an enumerated column met so far, and its canonical form. */
  enumSeen?: Map<string, string>;
  enumValues?: Map<string, string>;
}

/** NaN is not below anything. */
const below = (x: number, max: number) => x < max && x > -max;

/** Caches a parsed value under its text, bounded: a file of all-distinct values must not grow it without end. */
function remember<T>(cache: Map<string, T>, text: string, value: T): void {
  if (cache.size > 20_000) cache.clear();
  cache.set(detach(text), value);
}

function canonical(seen: Map<string, string>, values: Map<string, string>, text: string): string {
  let hit = seen.get(text);
  if (hit === undefined) {
    hit = values.get(text.toLowerCase()) ?? detach(text);
    if (seen.size < 1_000) seen.set(detach(text), hit);
  }
  return hit;
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
  /** The COPY column list matching this converter's lines: only the columns the file has. */
  readonly copyColumns: string[];
  private readonly present: PresentColumn[];
  private readonly instants = new InstantCache();
  /** Tags (and SkuPriceDetails) repeat across a resource's rows; parse each distinct value once. */
  private readonly jsonSeen = new Map<string, string | null>();
  private readonly tagsSeen = new Map<string, TagsCell | null>();
  private readonly fields: string[];
  /** Where the attribution fields go in `fields`; -1 when the file has no Tags column. */
  private readonly attributionAt: number;
  /** Where each of FOCUS_COLUMNS goes in `fields`; -1 when the file lacks it. */
  private readonly fieldAt: number[];

  constructor(
    private readonly plan: HeaderPlan,
    loadId: string,
    private readonly attributor: Attributor,
  ) {
    this.present = FOCUS_COLUMNS.flatMap((col, i) =>
      plan.sourceIndex[i]! < 0
        ? []
        : [
            {
              col,
              index: i,
              at: plan.sourceIndex[i]!,
              kind: KIND_CODE[col.kind],
              role: i === BILLING_PERIOD_START ? 1 : i === CHARGE_PERIOD_START ? 2 : i === TAGS ? 3 : 0,
              max: col.quantity ? MAX_QUANTITY : MAX_AMOUNT,
              maxDigits: Math.round(Math.log10(col.quantity ? MAX_QUANTITY : MAX_AMOUNT)),
              enumSeen: COLUMN_ENUMS[i] ? new Map<string, string>() : undefined,
              enumValues: COLUMN_ENUMS[i],
            },
          ],
    );
    const hasTags = plan.sourceIndex[TAGS]! >= 0;
    this.copyColumns = ['load_id', ...this.present.map((p) => p.col.column), 'extra', ...(hasTags ? ATTRIBUTION_DIMENSIONS : [])];
    this.attributionAt = hasTags ? this.present.length + 2 : -1;
    // The five attribution fields travel as one tab-joined field: the same COPY line.
    this.fields = new Array(this.present.length + (hasTags ? 3 : 2));
    this.fields[0] = loadId;
    this.fieldAt = FOCUS_COLUMNS.map((_, i) => this.present.findIndex((p) => p.index === i)).map((k) => (k < 0 ? -1 : k + 1));
  }

  /** The current row's COPY field for FOCUS_COLUMNS[i] (COPY_NULL when null or not in the file). */
  field(i: number): string {
    const at = this.fieldAt[i]!;
    return at < 0 ? COPY_NULL : this.fields[at]!;
  }

  /** The current row's attribution fields as its COPY line has them (tab-joined, ATTRIBUTION_COLUMNS order). */
  attributionCopy(): string {
    return this.attributionAt < 0 ? NO_ATTRIBUTION : this.fields[this.attributionAt]!;
  }

  convert(record: readonly RawValue[]): string | RejectedRow {
    const fields = this.fields;
    const present = this.present;
    for (let k = 0; k < present.length; k++) {
      const p = present[k]!;
      const raw = record[p.at];
      // Real exports write null both as an empty field and as the word NULL.
      const text = typeof raw === 'string' ? (raw === '' || raw === 'NULL' || raw === 'null' ? null : raw) : asText(raw);
      if (text === null) {
        if (p.col.row) return { column: p.col.name, reason: 'missing value (mandatory)' };
        if (p.role === 3) {
          fields[k + 1] = '{}';
          fields[this.attributionAt] = NO_ATTRIBUTION;
        } else fields[k + 1] = COPY_NULL;
        continue;
      }
      switch (p.kind) {
        case NUMERIC_KIND: {
          const n = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 ? text.trim() : text;
          const whole = wholeDigits(n);
          if (whole < 0) return { column: p.col.name, reason: `not a number: ${JSON.stringify(text.slice(0, 60))}` };
          // Fewer whole digits than the limit has zeros is below it however Number() would round; only longer ones need Number().
          if (whole >= p.maxDigits && !below(Number(n), p.max))
            return { column: p.col.name, reason: `${p.col.quantity ? 'quantity' : 'amount'} out of range (|x| < ${p.max.toExponential().replace('+', '')}): ${JSON.stringify(text.slice(0, 60))}` };
          fields[k + 1] = n;
          break;
        }
        case TIMESTAMP_KIND: {
          const t = this.instants.parse(text);
          if (!t) return { column: p.col.name, reason: instantRefusal(text) };
          if (p.role === 1) this.billingPeriodStart = t;
          else if (p.role === 2) this.chargePeriodStart = t;
          fields[k + 1] = t.iso;
          break;
        }
        case JSON_KIND: {
          if (p.role === 3) {
            const cell = this.tags(text);
            if (cell === null) return { column: p.col.name, reason: jsonObjectRefusal(text) };
            fields[k + 1] = cell.json;
            fields[this.attributionAt] = cell.attribution;
            break;
          }
          const json = this.json(text);
          if (json === null) return { column: p.col.name, reason: jsonObjectRefusal(text) };
          fields[k + 1] = json;
          break;
        }
        default:
          fields[k + 1] = copyText(p.enumSeen ? canonical(p.enumSeen, p.enumValues!, text) : text);
      }
    }
    fields[present.length + 1] = this.plan.extras.length === 0 ? COPY_NULL : this.extraJson(record);
    this.provider = asText(record[this.plan.sourceIndex[PROVIDER_NAME]!])!;
    this.billingAccountId = asText(record[this.plan.sourceIndex[BILLING_ACCOUNT_ID]!])!;
    return fields.join('\t');
  }

  /** The COPY-ready JSON text of a key-value column, or null when it is not a JSON object. */
  private json(text: string): string | null {
    let hit = this.jsonSeen.get(text);
    if (hit === undefined) {
      const parsed = parseJsonObject(text);
      hit = parsed === undefined ? null : detach(copyText(parsed));
      remember(this.jsonSeen, text, hit);
    }
    return hit;
  }

  /** Tags as COPY-ready JSON text and attribution fields, or null when not a JSON object. */
  private tags(text: string): TagsCell | null {
    let hit = this.tagsSeen.get(text);
    if (hit === undefined) {
      const parsed = parseJsonObject(text);
      hit = parsed === undefined ? null : { json: detach(copyText(parsed)), attribution: this.attributionFields(JSON.parse(parsed) as Record<string, unknown>) };
      remember(this.tagsSeen, text, hit);
    }
    return hit;
  }

  private attributionFields(tags: Record<string, unknown>): string {
    const a = this.attributor.attribute(tags);
    return detach(
      ATTRIBUTION_DIMENSIONS.map((c) => a[c])
        .map((v) => (v === null ? COPY_NULL : copyText(v)))
        .join('\t'),
    );
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
    return any ? copyText(toJsonb(extra)) : COPY_NULL;
  }
}
