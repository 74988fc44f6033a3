import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.ts';
import { onlyMatch, parseFixRequest, rankFindings } from '../../src/slack/fix-request.ts';

const finding = (fingerprint: string, title: string, scope: Record<string, string>, impactMonthly = 100, type = 'premium_model') => ({ fingerprint, title, scope, impactMonthly, type }) as Finding;

describe('fix requests in questions', () => {
  it('reads the finding part of fix requests and leaves cost questions alone', () => {
    expect(parseFixRequest('propose a fix for the idle GPU')).toBe('the idle GPU');
    expect(parseFixRequest('Can you propose a fix for the ranker?')).toBe('the ranker');
    expect(parseFixRequest('please fix 3f9a2c1b')).toBe('3f9a2c1b');
    expect(parseFixRequest('suggest a remediation of prompt caching on support-agent')).toBe('prompt caching on support-agent');
    expect(parseFixRequest('propose a fix')).toBe('');
    for (const q of ['what did we spend last month?', 'fixed costs by team', 'top 5 services', 'how do I fix my budget alerts']) expect(parseFixRequest(q)).toBeNull();
  });

  it('matches by fingerprint prefix or by the words of title, type and scope; ties are not guessed', () => {
    const gpu = finding('3f9a2c1b77', 'Idle GPU instance i-0abc (p4d.24xlarge)', { resource_id: 'i-0abc' }, 23000, 'idle_compute');
    const ranker = finding('aa11bb22cc', 'ranker uses gpt-4o for short calls', { feature: 'ranker', model: 'gpt-4o' }, 500);
    const tagger = finding('dd33ee44ff', 'tagger uses gpt-4o for short calls', { feature: 'tagger', model: 'gpt-4o' }, 900);
    const all = [gpu, ranker, tagger];
    expect(onlyMatch(rankFindings('the idle GPU', all))).toBe(gpu);
    expect(onlyMatch(rankFindings('finding 3f9a2c', all))).toBe(gpu);
    expect(onlyMatch(rankFindings('gpt-4o on the ranker', all))).toBe(ranker);
    const tie = rankFindings('gpt-4o', all);
    expect(onlyMatch(tie)).toBeNull();
    expect(tie.map((r) => r.finding)).toEqual([tagger, ranker]);
    expect(rankFindings('the database', all)).toEqual([]);
    expect(rankFindings('', all)).toEqual([]);
  });
});
