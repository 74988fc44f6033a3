/**
 * The repository map of Penny's penny.yml: which repositories an anomaly's scope (or main cause)
 * points at, and a bad entry refused naming its field; the review's own keys are left to it.
 */
import { describe, expect, it } from 'vitest';
import { parseRepositoryMap, repositoriesFor } from '../../src/changes/config.ts';
import { parseConfig } from '../../src/review/config.ts';

const YML = `features:
  - feature: support-agent
    paths: ["services/support/**"]
repositories:
  - repo: acme/support-agent
    features: [support-agent]
  - repo: acme/platform
    teams: [support, search]
    services: [Amazon Bedrock]
`;

describe('repository map', () => {
  it('maps features, teams and services to repositories, in file order, each once', () => {
    const map = parseRepositoryMap(YML);
    expect(repositoriesFor(map, [{ team: 'support', feature: 'support-agent' }])).toEqual(['acme/support-agent', 'acme/platform']);
    expect(repositoriesFor(map, [{ service_name: 'Amazon Bedrock', sub_account_id: '1' }])).toEqual(['acme/platform']);
    expect(repositoriesFor(map, [{ provider_name: 'openai' }, { feature: 'support-agent' }])).toEqual(['acme/support-agent']);
    expect(repositoriesFor(map, [{ team: 'ml' }])).toEqual([]);
  });

  it('refuses an entry it cannot use, naming the field', () => {
    expect(() => parseRepositoryMap('repositories:\n  - repo: support-agent\n    teams: [support]\n')).toThrow('penny.yml: repositories.0.repo: owner/name, e.g. acme/support-agent');
    expect(() => parseRepositoryMap('repositories:\n  - repo: acme/x\n')).toThrow('penny.yml: repositories.0: name at least one of features, teams or services');
    expect(() => parseRepositoryMap('repositories:\n  - repo: acme/x\n    team: [a]\n')).toThrow(/repositories\.0: .*team/);
  });

  it('is a penny.yml the pull-request review still reads', () => {
    expect(parseConfig(YML).features.map((f) => f.feature)).toEqual(['support-agent']);
  });
});
