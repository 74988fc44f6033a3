/**
 * The FinOps Foundation's 1,000-row FOCUS sample, and variants of it written to temporary files for tests.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
/** The FinOps Foundation's sample, kept in the repository with its licence (test/fixtures/focus). */
export const FOCUS_SAMPLE = path.resolve(import.meta.dirname, '../fixtures/focus/focus-1.0-sample-1000.csv');

/** The few FOCUS columns a hand-written export needs for its rows to load, in this order; tests add their own after them. */
export const CORE_FOCUS_HEADER = [
  'BillingAccountId',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ProviderName',
  'ServiceName',
  'BilledCost',
  'EffectiveCost',
] as const;

export async function readSample(): Promise<{ header: string[]; rows: string[][] }> {
  const records: string[][] = parse(await fs.readFile(FOCUS_SAMPLE, 'utf8'), { bom: true });
  return { header: records[0]!, rows: records.slice(1) };
}

export async function tempDir(prefix = 'penny-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function writeCsv(dir: string, name: string, header: string[], rows: string[][]): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, stringify([header, ...rows]));
  return file;
}
