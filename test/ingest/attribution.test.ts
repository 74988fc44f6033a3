/**
 * Attribution keys: defaults (plain, dotted and tool-specific names), precedence, case, and the
 * PENNY_ATTRIBUTION_KEYS format.
 */
import { describe, expect, it } from 'vitest';
import { Attributor } from '../../src/ingest/attribution.ts';
import { DEFAULT_ATTRIBUTION_KEYS, parseAttributionKeys } from '../../src/schema/attribution.ts';

const none = { team: null, feature: null, customer: null, environment: null, cost_center: null, task_id: null };

describe('Attributor', () => {
  const a = new Attributor();

  it('reads the plain names', () => {
    expect(a.attribute({ team: 'search', feature: 'autocomplete', customer: 'acme', environment: 'prod', cost_center: 'cc-42', task_id: 't-1' })).toEqual({
      team: 'search',
      feature: 'autocomplete',
      customer: 'acme',
      environment: 'prod',
      cost_center: 'cc-42',
      task_id: 't-1',
    });
  });

  it('reads dotted, OpenTelemetry and LiteLLM names', () => {
    expect(a.attribute({ 'task.id': 't-2', 'deployment.environment.name': 'staging', 'enduser.id': 'u-9', 'cost.center': 'cc-1' })).toEqual({
      ...none,
      task_id: 't-2',
      environment: 'staging',
      customer: 'u-9',
      cost_center: 'cc-1',
    });
    expect(a.attribute({ team_id: '6f0c2a7e', user_api_key_team_alias: 'support', end_user: 'globex' })).toEqual({ ...none, team: 'support', customer: 'globex' });
  });

  it('prefers earlier keys, whatever the order of the tags', () => {
    expect(a.attribute({ 'task.id': 'dotted', task_id: 'plain' }).task_id).toBe('plain');
    expect(a.attribute({ env: 'dev', environment: 'prod' }).environment).toBe('prod');
  });

  it('matches keys case-insensitively and skips empty values', () => {
    expect(a.attribute({ Team: 'Search', FEATURE: '  ', feature_id: 'f-7', CostCenter: 'cc-3' })).toEqual({ ...none, team: 'Search', feature: 'f-7', cost_center: 'cc-3' });
  });

  it('matches keys trimmed, as exports with stray spaces write them', () => {
    expect(a.attribute({ ' env': 'prod', 'Team ': 'search', ' cost-center ': 'cc-9' })).toEqual({ ...none, environment: 'prod', team: 'search', cost_center: 'cc-9' });
  });

  it("ignores a provider's namespace prefix such as AWS's user:", () => {
    expect(a.attribute({ 'user:Team': 'search', 'user:CostCenter': 'cc-1', 'aws:createdBy': 'IAMUser:x', 'user:env': 'dev' })).toEqual({
      ...none,
      team: 'search',
      cost_center: 'cc-1',
      environment: 'dev',
    });
    expect(a.isKey('user:Task.Id')).toBe(true);
    expect(a.isKey('user:service')).toBe(false);
  });

  it('ranks a prefixed key just after the same key unprefixed, before the next key', () => {
    expect(a.attribute({ 'user:team': 'prefixed', team: 'plain' }).team).toBe('plain');
    expect(a.attribute({ team: 'plain', 'user:team': 'prefixed' }).team).toBe('plain');
    expect(a.attribute({ 'team.name': 'dotted', 'user:team': 'prefixed' }).team).toBe('prefixed');
  });

  it('strips only a leading namespace, not one inside the key', () => {
    expect(a.attribute({ 'user:aws:team': 'nested', 'team:lead': 'kim' })).toEqual(none);
  });

  it('takes numbers as text and ignores objects', () => {
    expect(a.attribute({ task_id: 1234, team: { name: 'x' } })).toEqual({ ...none, task_id: '1234' });
  });

  it('knows which keys are attribution keys', () => {
    expect(a.isKey('Task.Id')).toBe(true);
    expect(a.isKey('service.name')).toBe(false);
  });
});

describe('parseAttributionKeys', () => {
  it('replaces the named dimensions and keeps the others', () => {
    const keys = parseAttributionKeys(' team = squad, owner_team ; customer=tenant_id ');
    expect(keys.team).toEqual(['squad', 'owner_team']);
    expect(keys.customer).toEqual(['tenant_id']);
    expect(keys.feature).toEqual(DEFAULT_ATTRIBUTION_KEYS.feature);
    const a = new Attributor(keys);
    expect(a.attribute({ team: 'ignored now', squad: 'search', tenant_id: 'acme', customer: 'ignored too' })).toEqual({ ...none, team: 'search', customer: 'acme' });
  });

  it('matches configured keys the same way: case, spaces and prefixes', () => {
    const a = new Attributor(parseAttributionKeys('team=Squad,business_unit'));
    expect(a.attribute({ 'user:SQUAD ': 'search' }).team).toBe('search');
    expect(a.attribute({ Business_Unit: 'retail' }).team).toBe('retail');
  });

  it.each([
    ['team', /expected dimension=key1,key2/],
    ['squad=team', /unknown dimension 'squad'/],
    ['team= , ', /no keys given/],
  ])('refuses %j', (spec, message) => {
    expect(() => parseAttributionKeys(spec)).toThrow(message);
  });
});
