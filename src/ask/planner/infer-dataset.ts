/**
 * Which data a question reads when it does not say: the home of the dimensions it names and of its
 * metric (AI usage or cloud billing), or what it said; a mix of the two, or a dimension the said
 * data does not record, is a refusal.
 */
import { USAGE_METRICS, type CostQuery } from '../../costs/query.ts';
import { datasetOf } from '../../costs/values.ts';
import type { Dataset } from './measure.ts';

export function inferDataset(said: Dataset | null, metric: CostQuery['metric'], dims: string[]): Dataset | { refusal: string } {
  const homes = new Set(dims.map((d) => datasetOf(d)).filter((d) => d !== 'all'));
  if ((USAGE_METRICS as readonly string[]).includes(metric)) homes.add('ai');
  if (homes.size > 1) return { refusal: `That mixes cloud billing dimensions with AI usage ones (${dims.join(', ')}); ask about one at a time.` };
  const home = [...homes][0] as Dataset | undefined;
  if (said && said !== 'all' && home && said !== home) return { refusal: `${dims.join(', ')} is not recorded on ${said === 'ai' ? 'AI usage' : 'cloud billing'} data.` };
  return home ?? said ?? 'all';
}
