import { describe, expect, it } from 'vitest';
import { FOCUS_COLUMNS } from '../../../src/schema/focus-columns.ts';
import { HeaderError, planHeader } from '../../../src/ingest/focus/header.ts';

const required = FOCUS_COLUMNS.filter((c) => c.header).map((c) => c.name);
const at = (plan: ReturnType<typeof planHeader>, name: string) => plan.sourceIndex[FOCUS_COLUMNS.findIndex((c) => c.name === name)];

describe('planHeader', () => {
  it('matches names case-insensitively, with separators, in any order', () => {
    const header = [...required].reverse().map((n, i) => (i % 2 ? n.toLowerCase() : n.replace(/([a-z])([A-Z])/g, '$1_$2')));
    const plan = planHeader(header);
    expect(at(plan, 'BilledCost')).toBe(header.findIndex((h) => h.toLowerCase().replace(/_/g, '') === 'billedcost'));
  });

  it('reads FOCUS 0.5 names and keeps x_ and unknown columns as extras', () => {
    const header = [...required.filter((n) => n !== 'ProviderName'), 'Provider', 'x_ResourceGroupName', 'Id'];
    const plan = planHeader(header);
    expect(at(plan, 'ProviderName')).toBe(header.indexOf('Provider'));
    expect(plan.extras.map((e) => e.name)).toEqual(['x_ResourceGroupName', 'Id']);
    expect(plan.missingMandatory).toContain('ListCost');
  });

  it('names every missing required column, and a duplicated one', () => {
    expect(() => planHeader(required.filter((n) => n !== 'BilledCost' && n !== 'ServiceName'))).toThrow(/missing required FOCUS columns BilledCost, ServiceName/);
    expect(() => planHeader([...required, 'billedcost'])).toThrow(HeaderError);
  });
});
