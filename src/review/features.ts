/**
 * Which feature a change belongs to, and what is known of that feature's LLM use: penny.yml's
 * paths first, then the feature tag written beside the change, then a path segment or file name
 * equal to a feature seen in the usage data (`services/query_rewrite/…` → query-rewrite).
 */
import path from 'node:path';
import { featureForPath, type ReviewConfig, type UsageAssumption } from './config.ts';
import type { ModelUsage, UsageHistory } from './history.ts';

export interface FeatureInfo {
  name: string;
  /** How the change was tied to the feature, for the "how estimated" notes. */
  via: 'penny.yml' | 'feature tag' | 'path';
  history: ModelUsage[];
  assumption?: UsageAssumption;
}

const norm = (s: string) => s.toLowerCase().replace(/_/g, '-');

export function resolveFeature(file: string, hint: string | undefined, config: ReviewConfig, history: UsageHistory): FeatureInfo | undefined {
  const info = (name: string, via: FeatureInfo['via']): FeatureInfo => {
    const configured = config.features.find((f) => f.feature === name);
    return { name, via, history: history.features.get(name) ?? [], ...(configured?.usage ? { assumption: configured.usage } : {}) };
  };
  const mapped = featureForPath(config, file);
  if (mapped) return info(mapped.feature, 'penny.yml');
  const known = new Map<string, string>();
  for (const name of [...history.features.keys(), ...config.features.map((f) => f.feature)]) known.set(norm(name), name);
  if (hint && known.has(norm(hint))) return info(known.get(norm(hint))!, 'feature tag');
  const parts = file.split('/');
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  for (const part of [base, ...parts.slice(0, -1).reverse()]) {
    const name = known.get(norm(part));
    if (name) return info(name, 'path');
  }
  return hint ? info(hint, 'feature tag') : undefined;
}
