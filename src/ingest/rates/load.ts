/**
 * Exchange rates from a CSV the user keeps (`date,from,to,rate`: one unit of `from` is `rate` units
 * of `to` on `date`), stored in exchange_rates for questions asked in one currency. All or
 * nothing: a file with any bad row stores none of it and names every bad row, since a rate table
 * with holes would convert some days and silently not others. A rate already stored for the same
 * day and pair is replaced. Rates are kept as exact decimals, never floats.
 */
import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type pg from 'pg';
import { z } from 'zod';
import { CurrencyCode } from '../../costs/currency.ts';
import { inTransaction } from '../../db/transaction.ts';

/** A rates file is a small table; anything larger is not one. */
const MAX_BYTES = 64 * 1024 * 1024;
const HEADER = ['date', 'from', 'to', 'rate'];

const RateRow = z
  .object({
    date: z.iso.date('expected a date YYYY-MM-DD'),
    from: CurrencyCode,
    to: CurrencyCode,
    rate: z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, { message: 'expected a positive decimal number such as 1.0842', abort: true })
      .refine((r) => Number(r) > 0, 'a rate must be above 0'),
  })
  .refine((r) => r.from !== r.to, { message: 'from and to are the same currency', path: ['to'] });

export interface RatesLoad {
  file: string;
  rows: number;
  /** The pairs loaded, "EUR→USD", and the days they cover. */
  pairs: { pair: string; first: string; last: string }[];
}

export class RatesFileError extends Error {
  override name = 'RatesFileError';
}

function parseRows(text: string): z.infer<typeof RateRow>[] {
  const records: string[][] = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  if (HEADER.some((h, i) => header[i] !== h)) throw new RatesFileError(`the header must be ${HEADER.join(',')}, got ${header.join(',') || 'an empty file'}`);
  const problems: string[] = [];
  const rows = records.slice(1).flatMap((record, i) => {
    const parsed = RateRow.safeParse(Object.fromEntries(HEADER.map((h, j) => [h, record[j] ?? ''])));
    if (parsed.success) return [parsed.data];
    problems.push(`line ${i + 2}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return [];
  });
  if (problems.length) throw new RatesFileError(`${problems.length} bad row${problems.length === 1 ? '' : 's'}, nothing loaded: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`);
  if (rows.length === 0) throw new RatesFileError('no rates in the file');
  return rows;
}

export async function loadRatesFile(pool: pg.Pool, file: string): Promise<RatesLoad> {
  const stat = await fs.stat(file);
  if (stat.size > MAX_BYTES) throw new RatesFileError(`larger than ${MAX_BYTES / 1024 / 1024} MB: not a rates table`);
  const rows = parseRows(await fs.readFile(file, 'utf8'));
  await inTransaction(pool, (client) =>
    client.query(
      `insert into exchange_rates (day, from_currency, to_currency, rate)
       select * from unnest($1::date[], $2::text[], $3::text[], $4::numeric[])
       on conflict (from_currency, to_currency, day) do update set rate = excluded.rate, loaded_at = now()`,
      [rows.map((r) => r.date), rows.map((r) => r.from), rows.map((r) => r.to), rows.map((r) => r.rate)],
    ),
  );
  const spans = new Map<string, { first: string; last: string }>();
  for (const r of rows) {
    const pair = `${r.from}→${r.to}`;
    const s = spans.get(pair);
    spans.set(pair, { first: s && s.first < r.date ? s.first : r.date, last: s && s.last > r.date ? s.last : r.date });
  }
  const pairs = [...spans].sort(([a], [b]) => a.localeCompare(b)).map(([pair, s]) => ({ pair, ...s }));
  return { file, rows: rows.length, pairs };
}
