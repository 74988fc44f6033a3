import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_DIMENSIONS } from '../../src/schema/attribution.ts';
import {
  columnSql,
  DIMENSIONS,
  dimensionLabel,
  dimensionOfScopeKey,
  QUERY_DIMENSIONS,
  ROLLUP_COLUMNS,
  ROLLUP_DIMENSION_OF,
  SCOPE_ALIASES,
  SCOPE_PRECEDENCE,
  scopeKeyOf,
} from '../../src/schema/dimensions.ts';

describe('the dimension vocabulary', () => {
  it('names each dimension once', () => {
    const names = DIMENSIONS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('orders exactly the scope keys the table defines, plus raw tags', () => {
    const keys = DIMENSIONS.flatMap((d) => (d.scope ? [d.scope] : []));
    expect([...SCOPE_PRECEDENCE].sort()).toEqual([...keys, 'tag:*'].sort());
  });

  it('maps scope keys and dimensions both ways', () => {
    for (const d of DIMENSIONS.filter((x) => x.scope)) {
      expect(dimensionOfScopeKey(d.scope!)).toBe(d.name);
      expect(scopeKeyOf(d.name)).toBe(d.scope);
    }
    expect(dimensionOfScopeKey('service_name')).toBe('ServiceName');
    expect(scopeKeyOf('provider')).toBe('provider_name');
    expect(scopeKeyOf('ProviderName')).toBeUndefined();
    expect(SCOPE_ALIASES.account).toBe('sub_account_id');
  });

  it('gives attribution a column on every source and in the rollup', () => {
    for (const a of ATTRIBUTION_DIMENSIONS) {
      expect([columnSql(a, 'cloud'), columnSql(a, 'ai'), columnSql(a, 'tasks')]).toEqual([a, a, a]);
      expect(ROLLUP_COLUMNS[a]).toBe(a);
    }
  });

  it('reads FOCUS dimensions on cloud rows only, except those AI rows carry too', () => {
    expect(columnSql('ServiceName', 'cloud')).toBe('service_name');
    expect(columnSql('ServiceName', 'ai')).toBeNull();
    expect(columnSql('ProviderName', 'ai')).toBe('provider');
    expect(columnSql('BilledCost', 'cloud')).toBeNull();
    expect(columnSql('model', 'cloud')).toBeNull();
  });

  it('fills each rollup column from one dimension, with the same SQL as every dimension rolled up in it', () => {
    for (const [name, column] of Object.entries(ROLLUP_COLUMNS)) {
      const first = ROLLUP_DIMENSION_OF.get(column)!;
      for (const source of ['cloud', 'ai'] as const) expect(columnSql(name, source)).toBe(columnSql(first, source));
    }
  });

  it('takes the task id and call status in questions (a ranking of tasks, failed calls)', () => {
    expect(QUERY_DIMENSIONS).toContain('task_id');
    expect(QUERY_DIMENSIONS).toContain('call_status');
    expect(QUERY_DIMENSIONS).toContain('Tags');
    expect(QUERY_DIMENSIONS).toContain('AvailabilityZone');
  });

  it('says dimensions in words', () => {
    expect(dimensionLabel('cost_center')).toBe('cost center');
    expect(dimensionLabel('ChargeCategory')).toBe('charge category');
    expect(dimensionLabel('tag:env')).toBe('tag env');
    expect(dimensionLabel('SubAccountId')).toBe('account');
  });
});
