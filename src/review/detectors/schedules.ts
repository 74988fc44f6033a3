/**
 * Schedules: a cron changed in a GitHub workflow, a Kubernetes CronJob, a Penny workflow, Terraform
 * (EventBridge `cron()`/`rate()`, Cloud Scheduler), code (`cron.schedule("…")`) or a crontab —
 * when the file runs LLM or GPU work (it says so, or penny.yml maps it to a feature). Reported as
 * runs per month before and after; the cost follows from the feature's cost per run.
 */
import { featureForPath, type ReviewConfig } from '../config.ts';
import { runsPerMonth } from '../cron.ts';
import type { FileKind } from '../files.ts';
import type { FindingOf } from '../finding.ts';
import type { FileView } from '../view.ts';
import { changedPairs, factsOf, featureTag, type Fact } from './facts.ts';

const KEYED = /["']?\b(cron|schedule|schedule_expression|scheduleExpression|cron_expression|cronExpression)["']?\s*[:=(]\s*["']?((?:cron|rate)\([^)]*\)|@\w+|[^"'#\n]+?)["']?\s*(?:[,)#]|$)/;
const CRONTAB = /^\s*((?:\S+\s+){4}\S+)\s+\S/;
const LLM_OR_GPU = /openai|anthropic|claude|gemini|\bgpt-|\bllm|langchain|litellm|bedrock|vertex|nvidia\.com\/gpu|\bgpus?\b|embedding|inference|penny/i;

function schedulesOn(kind: FileKind): (text: string, line: number) => Fact[] {
  return (text, line) => {
    const m = KEYED.exec(text);
    if (m && runsPerMonth(m[2]!) !== undefined) return [{ key: 'schedule', value: m[2]!.trim(), line }];
    if (kind === 'crontab' && !text.trim().startsWith('#')) {
      const c = CRONTAB.exec(text);
      if (c && runsPerMonth(c[1]!) !== undefined) return [{ key: 'schedule', value: c[1]!.trim(), line }];
    }
    return [];
  };
}

const SCHEDULE_FILES: FileKind[] = ['yaml', 'terraform', 'code', 'crontab', 'json'];

function runsLabel(expr: string | undefined, runs: number): string {
  const n = runs >= 100 ? Math.round(runs).toLocaleString('en-US') : String(Math.round(runs * 10) / 10);
  return expr === undefined ? 'none' : `${expr} (${n} runs/month)`;
}

export function detectSchedules(view: FileView, kind: FileKind, config: ReviewConfig): FindingOf<'schedule'>[] {
  if (!SCHEDULE_FILES.includes(kind)) return [];
  const extract = schedulesOn(kind);
  const found: FindingOf<'schedule'>[] = [];
  for (const seg of view.segments) {
    for (const { before, after } of changedPairs(factsOf(seg.before, extract), factsOf(seg.after, extract))) {
      const runsBefore = before ? runsPerMonth(before.value)! : 0;
      const runsAfter = after ? runsPerMonth(after.value)! : 0;
      if (runsBefore === runsAfter) continue;
      found.push({
        kind: 'schedule',
        file: view.path,
        line: (after ?? before)!.line,
        runsBefore,
        runsAfter,
        before: runsLabel(before?.value, runsBefore),
        after: runsLabel(after?.value, runsAfter),
        featureHint: featureTag([seg.after, seg.before]),
      });
    }
  }
  if (found.length === 0) return [];
  const text = view.segments.flatMap((s) => [s.heading, ...s.before.lines, ...s.after.lines]).join('\n');
  return featureForPath(config, view.path) || LLM_OR_GPU.test(text) || found.some((f) => f.featureHint) ? found : [];
}
