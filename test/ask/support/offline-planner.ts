/**
 * The offline planner over a hand-made catalog, as the planner tests ask it: `read` gives the plan
 * or the refusal, `plan` the plan and fails the test when the question was declined.
 */
import { planQuestion, type Plan } from '../../../src/ask/planner/plan.ts';
import type { Catalog } from '../../../src/ask/planner/catalog.ts';

export function offlinePlanner(catalog: Catalog, defaultAsOf: string) {
  const read = (q: string, asOf = defaultAsOf) => planQuestion(q, { asOf, catalog });
  const plan = (q: string, asOf = defaultAsOf): Plan => {
    const p = read(q, asOf);
    if (!p.ok) throw new Error(`declined: ${p.message}`);
    return p;
  };
  return { read, plan };
}
