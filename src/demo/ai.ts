/**
 * The demo company's LLM calls as OpenTelemetry GenAI records (flat JSONL, one call per line),
 * its agent task outcomes, and the utilisation metrics of its compute, including the planted
 * agent loop and idle GPU.
 */
import path from 'node:path';
import { AGENT_LOOP, AI_FEATURES, CLOUD_RESOURCES, IDLE_GPU, type AiFeature } from './company.ts';
import { jitter, pick, seeded, type Random } from './random.ts';
import { LineWriter } from './line-writer.ts';
import { DAY_MS, isoDay } from '../schema/days.ts';

const CUSTOMERS = ['acme-corp', 'globex', 'initech', 'umbrella', 'hooli', 'stark-industries'];

function tokens(rand: Random, typical: number, spread: number): number {
  return Math.max(1, Math.round(typical * jitter(rand, spread)));
}

function callRecord(f: AiFeature, at: number, id: string, rand: Random, extra: Record<string, unknown>): Record<string, unknown> {
  const cacheRead = f.cacheReadTokens ? tokens(rand, f.cacheReadTokens, 0.1) : 0;
  const input = Math.max(cacheRead + 1, tokens(rand, f.inputTokens, f.promptPrefixHash ? 0.03 : 0.3));
  const output = f.outputTokens <= 5 ? 1 + Math.floor(rand() * 5) : tokens(rand, f.outputTokens, 0.4);
  return {
    timestamp: new Date(at).toISOString(),
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': f.provider,
    'gen_ai.request.model': f.model,
    'gen_ai.response.model': f.responseModel,
    'gen_ai.response.id': id,
    'gen_ai.usage.input_tokens': input,
    'gen_ai.usage.output_tokens': output,
    ...(cacheRead > 0 ? { 'gen_ai.usage.cache_read.input_tokens': cacheRead } : {}),
    team: f.team,
    feature: f.feature,
    environment: 'prod',
    ...(f.promptPrefixHash ? { prompt_prefix_hash: f.promptPrefixHash } : {}),
    ...extra,
  };
}

/** Writes usage.jsonl and tasks.jsonl for the days [start, end]; returns their paths and counts. */
export async function writeAiUsage(dir: string, startMs: number, endMs: number, seed = 11): Promise<{ usage: string; tasks: string; calls: number; taskCount: number }> {
  const rand = seeded(seed);
  const usage = new LineWriter(path.join(dir, 'usage.jsonl'));
  const tasks = new LineWriter(path.join(dir, 'tasks.jsonl'));
  for (let day = startMs; day <= endMs; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    const daysBeforeEnd = Math.round((endMs - day) / DAY_MS);
    const volume = (weekday === 0 || weekday === 6 ? 0.65 : 1) * Math.pow(1.002, -daysBeforeEnd);
    const stamp = isoDay(day).replaceAll('-', '');
    for (const f of AI_FEATURES) {
      const slug = `${f.team}-${f.feature}-${stamp}`;
      if (!f.callsPerTask) {
        const n = Math.round(f.callsPerDay * volume * jitter(rand, 0.1));
        for (let i = 0; i < n; i++) {
          const customer = f.feature === 'answer-synthesis' ? { customer: pick(rand, CUSTOMERS) } : {};
          await usage.write(JSON.stringify(callRecord(f, day + Math.floor(rand() * DAY_MS), `demo-${slug}-${i}`, rand, customer)));
        }
        continue;
      }
      const taskCount = Math.round((f.callsPerDay / f.callsPerTask) * volume * jitter(rand, 0.1));
      for (let t = 0; t < taskCount; t++) {
        const taskId = `task-${slug}-${t}`;
        const looping = f.feature === AGENT_LOOP.feature && daysBeforeEnd < AGENT_LOOP.daysBeforeEnd && rand() < AGENT_LOOP.share;
        const calls = looping ? AGENT_LOOP.calls + Math.floor(rand() * 20) : 3 + Math.floor(rand() * 4);
        const customer = pick(rand, CUSTOMERS);
        let at = day + Math.floor(rand() * (DAY_MS - 3_600_000));
        for (let c = 0; c < calls; c++) {
          at += 2_000 + Math.floor(rand() * 8_000);
          await usage.write(JSON.stringify(callRecord(f, at, `demo-${taskId}-${c}`, rand, { 'task.id': taskId, customer })));
        }
        const success = !looping && rand() < 0.88;
        await tasks.write(JSON.stringify({ task_id: taskId, status: success ? 'success' : 'failure', timestamp: new Date(at + 1_000).toISOString(), team: f.team, feature: f.feature, customer }));
      }
    }
  }
  await usage.close();
  await tasks.close();
  return { usage: usage.file, tasks: tasks.file, calls: usage.lines, taskCount: tasks.lines };
}

/** Writes metrics.jsonl: daily CPU/GPU/memory utilisation of the compute resources. */
export async function writeUtilisation(dir: string, startMs: number, endMs: number, seed = 13): Promise<string> {
  const rand = seeded(seed);
  const out = new LineWriter(path.join(dir, 'metrics.jsonl'));
  for (let day = startMs; day <= endMs; day += DAY_MS) {
    for (const r of CLOUD_RESOURCES) {
      for (const metric of r.metrics ?? []) {
        const typical = r.resourceId === IDLE_GPU ? (metric === 'gpu' ? 1.2 : 3) : r.environment === 'prod' ? (metric === 'gpu' ? 72 : 48) : 14;
        const value = Math.min(100, Math.max(0, typical * jitter(rand, 0.35)));
        await out.write(JSON.stringify({ resource_id: r.resourceId, timestamp: `${isoDay(day)}T00:00:00Z`, metric, value: Number(value.toFixed(2)) }));
      }
    }
  }
  await out.close();
  return out.file;
}
