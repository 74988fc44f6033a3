import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../../src/config/env.ts';

describe('loadEnv', () => {
  it('takes defaults when nothing is set', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PENNY_HOME).toBe('.penny');
    expect(env.PORT).toBe(3000);
  });

  it('names the variable and what it expects', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'localhost:5432' })).toThrow(/DATABASE_URL: a postgres:\/\/ or postgresql:\/\/ connection URL/);
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
