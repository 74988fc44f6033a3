/**
 * GPU words → the `accelerator` dimension (src/costs/dimensions.ts): "GPU spend" is every cloud
 * row of a GPU instance family, "GPU instances" only the compute ones (not a managed ML endpoint
 * that happens to run on a GPU). The reading is said in the answer.
 */
import type { Filter } from '../../costs/query.ts';
import type { Catalog } from '../catalog.ts';
import type { QuestionText } from './text.ts';

const GPU = /\b(?:nvidia\s+)?gpus?(?:[\s-]+(instances?|machines?|vms?|box(?:es)?|nodes?|servers?|fleet|compute))?\b/;
/** "which GPU instances", "top 3 GPU machines": the instance word is left to group by (grouping.ts). */
const RANKED_BEFORE = /\b(?:which|each|every|per|by|top(?:\s+\d+)?|most\s+expensive|biggest|priciest|costliest|cheapest)\s+$/;

export interface GpuWords {
  filters: Filter[];
  reading: string | null;
}

export function takeGpu(t: QuestionText, catalog: Catalog): GpuWords {
  const m = t.peek(GPU);
  if (!m) return { filters: [], reading: null };
  const ranked = m[1] !== undefined && RANKED_BEFORE.test(t.rest().slice(Math.max(0, m.index - 40), m.index));
  const end = ranked ? m.index + m[0].length - m[1]!.length : m.index + m[0].length;
  t.mark({ start: m.index, end });
  const filters: Filter[] = [{ dimension: 'accelerator', op: 'eq', value: 'GPU' }];
  const instances = m[1] !== undefined && !/^(?:fleet|compute)$/.test(m[1]) && (catalog.get('ServiceCategory') ?? []).includes('Compute');
  if (instances) filters.push({ dimension: 'ServiceCategory', op: 'eq', value: 'Compute' });
  const families = 'SKUs or charge descriptions of GPU instance families (AWS P and G, Azure N-series, Google A2, A3 and G2) or naming a GPU';
  return { filters, reading: `"GPU" read as ${families}${instances ? ', compute services only' : ''}` };
}
