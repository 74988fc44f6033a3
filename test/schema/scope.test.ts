import { describe, expect, it } from 'vitest';
import { canonicalKey, formatScope, normalizeScope, parseScope, specificity } from '../../src/schema/scope.ts';

describe('parseScope', () => {
  it('reads one pair and several, in canonical keys and narrowest-first order', () => {
    expect(parseScope('team=search')).toEqual({ team: 'search' });
    const scope = parseScope('provider=AWS, service=Amazon EC2');
    expect(scope).toEqual({ service_name: 'Amazon EC2', provider_name: 'AWS' });
    expect(Object.keys(scope)).toEqual(['service_name', 'provider_name']);
  });

  it('gives the same text for the same scope however it is typed', () => {
    const a = formatScope(parseScope('Service=Amazon EC2,provider_name=AWS'));
    const b = formatScope(parseScope('provider=AWS,service_name=Amazon EC2,'));
    expect(a).toBe('service_name=Amazon EC2,provider_name=AWS');
    expect(b).toBe(a);
  });

  it('maps the short forms and keeps raw tags as tag:<key>', () => {
    expect(parseScope('account=123,model=gpt-4o,tag:Cost Center=cc-42')).toEqual({ 'tag:Cost Center': 'cc-42', sub_account_id: '123', model: 'gpt-4o' });
    expect(canonicalKey('sub_account')).toBe('sub_account_id');
    expect(canonicalKey('task.id')).toBe('task_id');
  });

  it('lets values hold commas and equals signs', () => {
    expect(parseScope('service=Foo, Bar,team=search')).toEqual({ team: 'search', service_name: 'Foo, Bar' });
    expect(parseScope('tag:k=a=b')).toEqual({ 'tag:k': 'a=b' });
  });

  it.each([
    ['team', /"team" has no value/],
    ['team=', /team has an empty value/],
    ['', /is empty/],
    ['tem=search', /unknown scope key "tem".*tag:tem/],
    ['team=a,team=b', /team is given twice/],
    ['service=a,service_name=b', /service_name is given twice/],
    ['tag:=x', /names no tag/],
  ])('refuses %j', (text, message) => {
    expect(() => parseScope(text)).toThrow(message);
  });
});

describe('specificity', () => {
  it('ranks a resource over tags over accounts over services over providers', () => {
    const keys = ['provider_name', 'service_name', 'sub_account_id', 'tag:Owner', 'team', 'resource_id'];
    expect([...keys].sort((a, b) => specificity(a) - specificity(b))).toEqual(['resource_id', 'team', 'tag:Owner', 'sub_account_id', 'service_name', 'provider_name']);
  });

  it('normalizeScope trims values and refuses unknown keys', () => {
    expect(normalizeScope({ team: ' search ' })).toEqual({ team: 'search' });
    expect(() => normalizeScope({ squad: 'x' })).toThrow(/unknown scope key "squad"/);
  });
});
