/**
 * Stored values of a dimension, and matching the words people use to them ("ec2" → Amazon Elastic
 * Compute Cloud, "search team" → search, "4o" → gpt-4o). Values come from the data itself through
 * the query layer, so a viewer only ever sees the values of their own teams.
 */
import type pg from 'pg';
import { dimensionSql } from './dimensions.ts';
import { runCostQuery, type Viewer } from './run.ts';

export interface ValueListOptions {
  viewer: Viewer;
  asOf?: string;
  /** Look back this many days before asOf (default 90). */
  days?: number;
  /** Keep only values containing this text (case-insensitive). */
  search?: string;
  limit?: number;
}

export interface DimensionValue {
  value: string;
  /** Effective cost over the window, so the values that matter come first. */
  cost: number;
}

/** Where a dimension lives: both datasets when both carry it, else the one that does. */
export function datasetOf(dimension: string): 'all' | 'cloud' | 'ai' {
  const noBind = () => '$0';
  const cloud = dimensionSql(dimension, 'cloud', noBind) !== null;
  const ai = dimensionSql(dimension, 'ai', noBind) !== null;
  return cloud && ai ? 'all' : cloud ? 'cloud' : 'ai';
}

export async function listDimensionValues(pool: pg.Pool, dimension: string, options: ValueListOptions): Promise<DimensionValue[]> {
  const filters: unknown[] = [{ dimension, op: 'not', value: null }];
  if (options.search) filters.push({ dimension, op: 'contains', value: options.search });
  const result = await runCostQuery(
    pool,
    { dataset: datasetOf(dimension), groupBy: [dimension], filters, time: { last_n_days: options.days ?? 90 }, limit: options.limit ?? 200 },
    { viewer: options.viewer, asOf: options.asOf, dataThrough: false },
  );
  // A value spent in several currencies comes once per currency: list it once, at its first (largest) place.
  const values = new Map<string, DimensionValue>();
  for (const r of result.rows) if (!values.has(String(r[dimension]))) values.set(String(r[dimension]), { value: String(r[dimension]), cost: Number(r.effective_cost) });
  return [...values.values()];
}

/** Nicknames of common cloud services, as words that appear in their FOCUS ServiceName. */
const NICKNAMES: Record<string, string> = {
  ec2: 'elastic compute cloud',
  s3: 'simple storage service',
  rds: 'relational database service',
  eks: 'elastic kubernetes service',
  ecs: 'elastic container service',
  ebs: 'elastic block store',
  gce: 'compute engine',
  gcs: 'cloud storage',
  gke: 'kubernetes engine',
  bq: 'bigquery',
  aks: 'kubernetes service',
};

/** Words that name the dimension rather than the value: "search team", "the ec2 service". */
const FILLER = /\b(the|team|squad|service|model|feature|provider|account|region|customer|env|environment)\b/g;

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
const tokens = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * The stored values a phrase may mean, best first: an exact match alone; else values containing
 * the phrase (or its nickname's expansion), whole-token matches before partial ones, shorter
 * values first (so "4o" is gpt-4o before gpt-4o-mini). Empty when nothing matches.
 */
export function matchValues(phrase: string, values: readonly string[]): string[] {
  const cleaned = phrase.toLowerCase().replace(FILLER, ' ').trim() || phrase.toLowerCase();
  const exact = values.filter((v) => norm(v) === norm(cleaned) || norm(v) === norm(phrase));
  if (exact.length > 0) return exact;
  const words = tokens(NICKNAMES[norm(cleaned)] ?? cleaned);
  if (words.length === 0) return [];
  const needle = words.join('');
  const hits = values.filter((v) => norm(v).includes(needle));
  const wholeToken = (v: string) => {
    const t = tokens(v).join(' ');
    return ` ${t} `.includes(` ${words.join(' ')} `) ? 0 : 1;
  };
  return hits.sort((a, b) => wholeToken(a) - wholeToken(b) || a.length - b.length || (a < b ? -1 : 1));
}
