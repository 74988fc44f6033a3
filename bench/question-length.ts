/**
 * Planning time by question length (part of `npm run bench:ask`; `npx tsx bench/question-length.ts`
 * runs it alone): questions of 400, 4,000 and 40,000 characters (Slack's longest message) of the
 * shapes that cost the planner most — many stored names, nicknames, names beside dimension words,
 * long dotted words — against a catalog of 500 stored values per dimension, the most Penny reads.
 * Planning runs on the event loop, so this is time during which nothing else is served. Target:
 * under 100 ms at 40,000 characters, growing linearly. Each cell gives wall time and, after a
 * slash, the process's CPU time: on a machine busy with other work the two part.
 */
import { pathToFileURL } from 'node:url';
import { CATALOG_DIMENSIONS } from '../src/ask/planner/catalog.ts';
import { planQuestion } from '../src/ask/planner/plan.ts';

const AS_OF = '2026-11-23';
const LENGTHS = [400, 4_000, 40_000];
const ROUNDS = 7;
const SHAPES: Array<[string, string]> = [
  ['stored names', 'search checkout gpt-4o prod '],
  ['one short name', 'ml '],
  ['excluded names', 'excluding ml '],
  ['nicknames', 'ec2 '],
  ['names beside dimension words', 'team search '],
  ['a sentence', 'what did the search team spend on gpt-4o last week '],
  ['long dotted word', 'a.'],
  ['runs of blanks', '                \n\t        ml '],
  ['dotted words after "by"', 'by a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z '],
  ['words before resource words', 'the old lake bucket '],
  ['GPU and dataset words', 'gpu instances ai vs cloud '],
  ['days counted back, billed verbs', 'the 15th 3 days ago google bill us daily avg '],
  // A quarter word before each "and": the quarter pair's look back for "compare" ran to the start.
  ['quarter and server words', 'q4 and the servers q3 to date from nov 1 to nov 15 inclusive '],
  // Each "X workload" looks its name up among the stored workloads (workloads.ts): once per name, not a scan of them all.
  ['names before "workload"', 'the x workload '],
  // A measure said at every word leaves the text blank once taken: the servers' look-behind, tried before its word boundary, rescanned the blanks.
  ['measures again, slashed days', 'billed us we owe 11/20 3/4 '],
];

function benchCatalog(): Map<string, string[]> {
  const named: Record<string, string[]> = {
    team: ['search', 'checkout', 'support', 'data', 'platform', 'ml'],
    model: ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5', 'gemini-2.0-flash'],
    environment: ['prod', 'staging', 'dev'],
    ServiceName: ['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service', 'Amazon CloudWatch', 'AWS Lambda'],
    ResourceId: ['arn:aws:s3:::northwind-data-lake'],
  };
  return new Map(CATALOG_DIMENSIONS.map((d) => [d, [...(named[d] ?? []), ...Array.from({ length: 500 - (named[d]?.length ?? 0) }, (_, i) => `${d.toLowerCase()}-${i}-value`)]]));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Prints the median planning time per shape and length, and the worst at the longest length. */
export function benchQuestionLength(): void {
  const catalog = benchCatalog();
  const repeat = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  console.log(`\nplanning time by question length (median of ${ROUNDS}; catalog of ${catalog.size} × 500 stored values):`);
  console.log(`  ${'shape'.padEnd(30)}${LENGTHS.map((n) => `${n.toLocaleString('en-US')} chars`.padStart(20)).join('')}`);
  let worst = { wall: 0, cpu: 0 };
  for (const [name, unit] of SHAPES) {
    const cells = LENGTHS.map((n) => {
      const question = repeat(unit, n);
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const c = process.cpuUsage();
        const s = performance.now();
        planQuestion(question, { asOf: AS_OF, catalog });
        wall.push(performance.now() - s);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
      }
      if (n === LENGTHS.at(-1)) worst = { wall: Math.max(worst.wall, median(wall)), cpu: Math.max(worst.cpu, median(cpu)) };
      return `${median(wall).toFixed(1)} / ${median(cpu).toFixed(1)} ms`.padStart(20);
    });
    console.log(`  ${name.padEnd(30)}${cells.join('')}`);
  }
  console.log(`slowest shape at ${LENGTHS.at(-1)!.toLocaleString('en-US')} characters: ${worst.wall.toFixed(1)} ms wall, ${worst.cpu.toFixed(1)} ms CPU (target < 100 ms)`);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) benchQuestionLength();
