/**
 * The owner map in Postgres: rules (one scope key = value → owners, escalation channel) and the
 * default channel for spend nobody owns. `ownersFor` answers "who owns this?" for alerts.
 */
import type pg from 'pg';
import { canonicalKey, specificity } from '../schema/scope.ts';
import type { OwnerEntry } from './schema.ts';

export interface OwnerRule extends OwnerEntry {
  /** file:line the rule was imported from. */
  source: string | null;
  updatedAt: string;
}

export interface SaveResult {
  /** Rules in the import. */
  rules: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rules dropped because `replace` was asked and the import does not have them. */
  removed: number;
  /** Rules in the map after the import. */
  total: number;
  defaultChannel: string | null;
}

interface RuleRow {
  match_key: string;
  match_value: string;
  owners: string[];
  escalation: string | null;
  source: string | null;
  updated_at: Date;
}

const toRule = (r: RuleRow): OwnerRule => ({
  key: r.match_key,
  value: r.match_value,
  owners: r.owners,
  escalation: r.escalation,
  source: r.source,
  updatedAt: r.updated_at.toISOString(),
});

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Writes validated entries in one transaction. With `replace` the map becomes exactly `entries`
 * and the default channel becomes `defaultChannel` (null clears it); otherwise entries are upserted
 * by match and the default channel changes only when one is given.
 */
export async function saveOwnerMap(pool: pg.Pool, entries: (OwnerEntry & { file: string; line: number })[], options: { replace: boolean; defaultChannel: string | null }): Promise<SaveResult> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    // One import at a time, so the counts below describe what this one did; readers are not blocked.
    await client.query('lock table owner_rules in exclusive mode');
    const keys = entries.map((e) => e.key);
    const values = entries.map((e) => e.value);
    const { rows: before } = await client.query<RuleRow>(`select * from owner_rules where (match_key, match_value) in (select * from unnest($1::text[], $2::text[]))`, [keys, values]);
    const old = new Map(before.map((r) => [`${r.match_key}=${r.match_value}`, r]));
    let created = 0;
    let updated = 0;
    for (const e of entries) {
      const was = old.get(`${e.key}=${e.value}`);
      if (!was) created++;
      else if (!sameList(was.owners, e.owners) || was.escalation !== e.escalation) updated++;
    }
    let removed = 0;
    if (options.replace) {
      const del = await client.query(`delete from owner_rules r where not exists (select 1 from unnest($1::text[], $2::text[]) as n(k, v) where (r.match_key, r.match_value) = (n.k, n.v))`, [
        keys,
        values,
      ]);
      removed = del.rowCount ?? 0;
    }
    await client.query(
      `insert into owner_rules (match_key, match_value, owners, escalation, source)
       select x.key, x.value, x.owners, x.escalation, x.source
       from jsonb_to_recordset($1::jsonb) as x(key text, value text, owners text[], escalation text, source text)
       on conflict (match_key, match_value) do update set
         owners = excluded.owners, escalation = excluded.escalation, source = excluded.source, updated_at = now()
       where (owner_rules.owners, owner_rules.escalation, owner_rules.source)
         is distinct from (excluded.owners, excluded.escalation, excluded.source)`,
      [JSON.stringify(entries.map((e) => ({ key: e.key, value: e.value, owners: e.owners, escalation: e.escalation, source: `${e.file}:${e.line}` })))],
    );
    if (options.replace || options.defaultChannel !== null) {
      await client.query(
        `insert into owner_map (default_channel) values ($1)
         on conflict (singleton) do update set default_channel = excluded.default_channel, updated_at = now()`,
        [options.defaultChannel],
      );
    }
    const { rows } = await client.query<{ total: number; default_channel: string | null }>(
      `select (select count(*)::int from owner_rules) as total, (select default_channel from owner_map) as default_channel`,
    );
    await client.query('commit');
    return {
      rules: entries.length,
      created,
      updated,
      unchanged: entries.length - created - updated,
      removed,
      total: rows[0]!.total,
      defaultChannel: rows[0]!.default_channel,
    };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function listOwnerRules(pool: pg.Pool): Promise<OwnerRule[]> {
  const { rows } = await pool.query<RuleRow>('select * from owner_rules');
  return rows.map(toRule).sort(byPrecedence);
}

/** Where findings that match no rule go; null when no default channel was set. */
export async function defaultChannel(pool: pg.Pool): Promise<string | null> {
  const { rows } = await pool.query<{ default_channel: string | null }>('select default_channel from owner_map');
  return rows[0]?.default_channel ?? null;
}

/** Narrowest scope first (a resource before a team before an account before a provider), then by key and value. */
function byPrecedence(a: OwnerRule, b: OwnerRule): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return specificity(a.key) - specificity(b.key) || cmp(a.key, b.key) || cmp(a.value, b.value);
}

/**
 * The rules that match any key = value of `scope` (e.g. the resource id, tags and FOCUS dimensions
 * of a finding), most specific first: the first rule's owners are the ones to tell, the rest are
 * broader owners who may want to know. Keys take the scope vocabulary (`service` or `service_name`,
 * `team`, `tag:<key>`); an unknown key throws. Empty when nothing matches: use defaultChannel.
 */
export async function ownersFor(pool: pg.Pool, scope: Record<string, string>): Promise<OwnerRule[]> {
  const pairs = Object.entries(scope)
    .map(([k, v]) => [canonicalKey(k), String(v ?? '').trim()] as const)
    .filter(([, v]) => v !== '');
  if (pairs.length === 0) return [];
  const { rows } = await pool.query<RuleRow>(`select * from owner_rules where (match_key, match_value) in (select * from unnest($1::text[], $2::text[]))`, [
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  ]);
  return rows.map(toRule).sort(byPrecedence);
}
