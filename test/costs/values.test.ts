/**
 * Matching people's words to stored dimension values, over the demo company's names.
 */
import { describe, expect, it } from 'vitest';
import { matchValues } from '../../src/costs/values.ts';

const SERVICES = ['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service', 'Amazon Elastic Kubernetes Service', 'Cloud Storage', 'Storage', 'Compute Engine', 'BigQuery', 'AWS Lambda'];
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5', 'gemini-2.0-flash'];
const TEAMS = ['search', 'checkout', 'support', 'data', 'platform', 'ml'];

describe('matchValues', () => {
  it('maps service nicknames to FOCUS service names', () => {
    expect(matchValues('ec2', SERVICES)[0]).toBe('Amazon Elastic Compute Cloud');
    expect(matchValues('EC2 service', SERVICES)[0]).toBe('Amazon Elastic Compute Cloud');
    expect(matchValues('s3', SERVICES)).toEqual(['Amazon Simple Storage Service']);
    expect(matchValues('eks', SERVICES)).toEqual(['Amazon Elastic Kubernetes Service']);
    expect(matchValues('lambda', SERVICES)).toEqual(['AWS Lambda']);
    expect(matchValues('bigquery', SERVICES)).toEqual(['BigQuery']);
  });

  it('prefers exact, then whole-word, then shorter values', () => {
    expect(matchValues('storage', SERVICES)).toEqual(['Storage']);
    expect(matchValues('4o', MODELS)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(matchValues('sonnet', MODELS)).toEqual(['claude-sonnet-4-5']);
    expect(matchValues('GPT 4o mini', MODELS)).toEqual(['gpt-4o-mini']);
  });

  it('drops the words that name the dimension', () => {
    expect(matchValues('search team', TEAMS)).toEqual(['search']);
    expect(matchValues('the Platform team', TEAMS)).toEqual(['platform']);
  });

  it('returns nothing rather than guessing', () => {
    expect(matchValues('marketing', TEAMS)).toEqual([]);
    expect(matchValues('team', TEAMS)).toEqual([]);
    expect(matchValues('o1', MODELS)).toEqual([]);
  });
});
