/**
 * The first question after an ingest extends the catalog stored before it, rather than reading
 * every name from the cost tables again (seconds at ten million rows): a load only adds rows, so
 * the names now are those stored plus those of the days the new loads' rows fall on (for the
 * entries their kind of rows carries: a usage load adds no cloud service), and of the days the
 * windows moved forward by. Read in full instead (null) when that does not hold: an
 * earlier load was restated or removed (its status changed or it is gone), a new load has no span
 * (a usage load that replaced earlier calls, a load written by hand), a window moved back, or a
 * dimension would go past the catalog's limit (its top names by cost must be read again).
 *
 * Names whose only rows fell out of a window since the full read stay matchable until the next
 * full read, at most EXTEND_DAYS later: each still names stored rows, never one that is gone.
 */
import type pg from 'pg';
import type { DateRange } from '../../costs/time.ts';
import { addDays } from '../../schema/days.ts';
import type { CatalogBase } from './stored-catalog.ts';

/** How the catalog reads its names, given by catalog.ts. */
export interface CatalogReader {
  /** The catalog's entries, in order. */
  entries: readonly string[];
  /** The days entry `e` is read over, for a catalog as of `asOf` whose raw window ends at `rawEnd`. */
  window(e: string, asOf: string, rawEnd: string): DateRange;
  /** The names of entry `e` over `range`, the most spent first, at most `limit`. */
  read(e: string, range: DateRange): Promise<string[]>;
  /** The most names entry `e` holds. */
  limit(e: string): number;
  /** The rows entry `e` is read from: a load of the other kind adds none of its names. */
  dataset(e: string): 'cloud' | 'ai' | 'all';
}

/** The rows each kind of signed load stores. */
const DATASET_OF_LOAD: Record<string, 'cloud' | 'ai'> = { focus: 'cloud', usage: 'ai' };

/** `id:status` entries, by id. */
function parseLoads(text: string): Map<string, string> {
  return new Map(
    text
      .split(',')
      .filter(Boolean)
      .map((e) => e.split(':') as [string, string]),
  );
}

/** The loads added since `before` when only loads were added (none restated or removed), else null. */
function addedLoads(before: string, now: string): string[] | null {
  const was = parseLoads(before);
  const is = parseLoads(now);
  for (const [id, status] of was) if (is.get(id) !== status) return null;
  const added = [...is].filter(([id]) => !was.has(id));
  return added.every(([, status]) => status === 'loaded') ? added.map(([id]) => id) : null;
}

/** The days the rows of `loads` were charged on, [from, to), and what they store; null when one has no span; undefined for none. */
async function spanOf(pool: pg.Pool, loads: string[]): Promise<(DateRange & { datasets: string[] }) | null | undefined> {
  if (loads.length === 0) return undefined;
  const { rows } = await pool.query<{ first: Date | null; last: Date | null; spanned: boolean; kinds: string[] }>(
    `select min(s.first) as first, max(s.last) as last, bool_and(s.first is not null) as spanned, array_agg(distinct l.kind) as kinds
       from ingest_loads l
       cross join lateral (select coalesce(l.first_at, min(p.first_charge)) as first, coalesce(l.last_at, max(p.last_charge)) as last
                             from ingest_load_periods p where p.load_id = l.id) s
      where l.id = any($1::bigint[])`,
    [loads],
  );
  const r = rows[0];
  if (!r?.spanned || !r.first || !r.last) return null;
  const datasets = r.kinds.map((k) => DATASET_OF_LOAD[k] ?? 'all');
  return { from: r.first.toISOString().slice(0, 10), to: addDays(r.last.toISOString().slice(0, 10), 1), datasets };
}

/** The days of `ranges` worth reading: the non-empty ones, two that meet or overlap read as one. */
function toRead(ranges: DateRange[]): DateRange[] {
  const kept = ranges.filter((r) => r.from < r.to).sort((a, b) => (a.from < b.from ? -1 : 1));
  const out: DateRange[] = [];
  for (const r of kept) {
    const last = out.at(-1);
    if (last && r.from <= last.to) last.to = r.to > last.to ? r.to : last.to;
    else out.push({ ...r });
  }
  return out;
}

/**
 * The catalog `base` extended to now (`loads`, `asOf`, `rawEnd`), or null when it must be read in
 * full. Reads only the days that may hold names the base lacks.
 */
export async function extendCatalog(pool: pg.Pool, reader: CatalogReader, base: CatalogBase, now: { loads: string; asOf: string; rawEnd: string }): Promise<Map<string, string[]> | null> {
  const added = addedLoads(base.loads, now.loads);
  if (!added) return null;
  const span = await spanOf(pool, added);
  if (span === null) return null;
  const catalog = new Map<string, string[]>();
  for (const e of reader.entries) {
    const was = reader.window(e, base.asOf, base.rawEnd);
    const is = reader.window(e, now.asOf, now.rawEnd);
    if (is.to < was.to || is.from < was.from) return null;
    const ranges = [{ from: was.to > is.from ? was.to : is.from, to: is.to }];
    const fed = span && (reader.dataset(e) === 'all' || span.datasets.some((d) => d === 'all' || d === reader.dataset(e)));
    if (span && fed) ranges.push({ from: span.from > is.from ? span.from : is.from, to: span.to < is.to ? span.to : is.to });
    const names = [...(base.catalog.get(e) ?? [])];
    for (const range of toRead(ranges)) for (const name of await reader.read(e, range)) if (!names.includes(name)) names.push(name);
    // Past the limit, the names kept are the top ones by cost over the whole window.
    const kept = names.length > reader.limit(e) ? await reader.read(e, is) : names;
    if (kept.length > 0) catalog.set(e, kept);
  }
  return catalog;
}
