/**
 * The records ingest refused, read back for people: file, line, field, reason and the raw value
 * the reason is about, for one load (by default the latest load that rejected anything).
 */
import type pg from 'pg';
import { normaliseHeaderName } from '../schema/focus-columns.ts';
import { isObject } from './json-fields.ts';

export interface Reject {
  file: string;
  line: number;
  /** The FOCUS column or record field, or null when the whole record was bad. */
  column: string | null;
  reason: string;
  /** The value the reason is about, as the file had it (the whole record when no field is named). */
  raw: unknown;
}

export interface RejectList {
  loadId: number | null;
  kind: string | null;
  status: string | null;
  total: number;
  rejects: Reject[];
}

/** A field of a stored record: its own key, the same name spelt otherwise (FOCUS headers), or a dotted path. */
function rawValue(record: unknown, column: string | null): unknown {
  if (column === null || !isObject(record)) return record;
  if (column in record) return record[column];
  const key = normaliseHeaderName(column);
  const spelt = Object.keys(record).find((k) => normaliseHeaderName(k) === key);
  if (spelt !== undefined) return record[spelt];
  let v: unknown = record;
  for (const part of column.split('.')) v = isObject(v) ? v[part] : undefined;
  return v ?? null;
}

export async function listRejects(pool: pg.Pool, options: { loadId?: number; limit: number }): Promise<RejectList> {
  const { rows: loads } = await pool.query<{ id: string; kind: string; status: string }>(
    options.loadId !== undefined ? 'select id, kind, status from ingest_loads where id = $1' : 'select id, kind, status from ingest_loads where rejected > 0 order by id desc limit 1',
    options.loadId !== undefined ? [options.loadId] : [],
  );
  const load = loads[0];
  if (!load) return { loadId: options.loadId ?? null, kind: null, status: null, total: 0, rejects: [] };
  const { rows } = await pool.query<{ file_path: string; line: string; column_name: string | null; reason: string; record: unknown; total: string }>(
    `select file_path, line, column_name, reason, record, count(*) over () as total
       from ingest_rejects where load_id = $1 order by line limit $2`,
    [load.id, options.limit],
  );
  return {
    loadId: Number(load.id),
    kind: load.kind,
    status: load.status,
    total: Number(rows[0]?.total ?? 0),
    rejects: rows.map((r) => ({ file: r.file_path, line: Number(r.line), column: r.column_name, reason: r.reason, raw: rawValue(r.record, r.column_name) })),
  };
}
