import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../../src/config/env.ts';
import { DEFAULT_ATTRIBUTION_KEYS } from '../../src/schema/attribution.ts';

describe('loadEnv', () => {
  it('takes defaults when nothing is set', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PENNY_HOME).toBe('.penny');
    expect(env.PORT).toBe(3000);
    expect(env.PENNY_VISIBILITY).toBe('team');
  });

  it('names the variable and what it expects', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'localhost:5432' })).toThrow(/DATABASE_URL: a postgres:\/\/ or postgresql:\/\/ connection URL/);
    expect(() => loadEnv({ PENNY_VISIBILITY: 'everyone' })).toThrow(/PENNY_VISIBILITY: .*"team"\|"all"/);
  });

  it("reads PENNY_MAX_QUESTION_CHARS (default 4,000) between 100 and 40,000, Slack's longest message", () => {
    expect(loadEnv({}).PENNY_MAX_QUESTION_CHARS).toBe(4000);
    expect(loadEnv({ PENNY_MAX_QUESTION_CHARS: '12000' }).PENNY_MAX_QUESTION_CHARS).toBe(12_000);
    for (const bad of ['0', '50', '40001', 'lots']) expect(() => loadEnv({ PENNY_MAX_QUESTION_CHARS: bad })).toThrow(/^PENNY_MAX_QUESTION_CHARS: /);
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('reads PENNY_ATTRIBUTION_KEYS into keys per dimension, defaults when unset', () => {
    expect(loadEnv({}).PENNY_ATTRIBUTION_KEYS).toEqual(DEFAULT_ATTRIBUTION_KEYS);
    const keys = loadEnv({ PENNY_ATTRIBUTION_KEYS: 'team=squad,business_unit' }).PENNY_ATTRIBUTION_KEYS;
    expect(keys.team).toEqual(['squad', 'business_unit']);
    expect(keys.feature).toEqual(DEFAULT_ATTRIBUTION_KEYS.feature);
  });

  it('refuses a bad PENNY_ATTRIBUTION_KEYS on one line naming the variable', () => {
    expect(() => loadEnv({ PENNY_ATTRIBUTION_KEYS: 'squad=team' })).toThrow(
      new ConfigError("PENNY_ATTRIBUTION_KEYS: unknown dimension 'squad' (one of team, feature, customer, environment, cost_center, task_id)"),
    );
    expect(() => loadEnv({ PENNY_ATTRIBUTION_KEYS: 'team', PORT: 'x' })).toThrow(/^PORT: [^;\n]+; PENNY_ATTRIBUTION_KEYS: 'team': expected dimension=key1,key2$/);
  });

  it('reads PENNY_GITHUB_LOGIN, a login or an app bot login, and refuses anything else', () => {
    expect(loadEnv({}).PENNY_GITHUB_LOGIN).toBeUndefined();
    expect(loadEnv({ PENNY_GITHUB_LOGIN: 'penny-finops[bot]' }).PENNY_GITHUB_LOGIN).toBe('penny-finops[bot]');
    expect(loadEnv({ PENNY_GITHUB_LOGIN: 'octocat' }).PENNY_GITHUB_LOGIN).toBe('octocat');
    for (const bad of ['@octocat', 'two words', 'app[Bot]x']) expect(() => loadEnv({ PENNY_GITHUB_LOGIN: bad })).toThrow(/^PENNY_GITHUB_LOGIN: a GitHub login/);
  });
});
