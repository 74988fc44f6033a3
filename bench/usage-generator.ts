/**
 * Writes a deterministic flat OpenTelemetry GenAI JSONL file of LLM calls for benchmarks: a mix of
 * providers and models (one unknown to the price library), cached and reasoning tokens, errors,
 * attribution tags, agent task ids, and a few calls without a response id. Calls are spread over
 * October 2026 in time order. Same seed and count, same bytes.
 */
import { LineWriter } from '../src/demo/line-writer.ts';
import { pick, seeded } from '../src/demo/random.ts';
import { DAY_MS } from '../src/schema/days.ts';

const MODELS = [
  // provider, request model, response model, weight
  ['openai', 'gpt-4o', 'gpt-4o-2024-08-06', 20],
  ['openai', 'gpt-4o-mini', 'gpt-4o-mini-2024-07-18', 30],
  ['openai', 'o3-mini', 'o3-mini-2025-01-31', 5],
  ['openai', 'text-embedding-3-small', 'text-embedding-3-small', 10],
  ['anthropic', 'claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 15],
  ['anthropic', 'claude-haiku-4-5', 'claude-haiku-4-5-20251001', 10],
  ['gcp.gemini', 'gemini-2.0-flash', 'gemini-2.0-flash', 9],
  ['vllm', 'acme-support-7b', 'acme-support-7b', 1],
] as const;
const WEIGHTS = MODELS.reduce((n, m) => n + m[3], 0);
const TEAMS = ['search', 'support', 'data', 'growth', 'platform'];
const FEATURES = ['autocomplete', 'ticket-summary', 'classify', 'query-rewrite', 'indexing', 'chat-assistant', 'email-draft'];
const ENVS = ['prod', 'prod', 'prod', 'staging', 'dev'];
const START = Date.UTC(2026, 9, 1);
const SPAN_MS = 31 * DAY_MS;

function model(r: number) {
  let x = r * WEIGHTS;
  for (const m of MODELS) if ((x -= m[3]) < 0) return m;
  return MODELS[0];
}

/** Writes `lines` calls to `file`. */
export async function writeUsageJsonl(file: string, lines: number, seed = 7): Promise<void> {
  const rand = seeded(seed);
  const out = new LineWriter(file);
  for (let i = 0; i < lines; i++) {
    const [provider, requestModel, responseModel] = model(rand());
    const embeddings = requestModel.startsWith('text-embedding');
    const input = Math.floor(200 + rand() * rand() * 12_000);
    const cached = !embeddings && rand() < 0.35 ? Math.floor(input * rand() * 0.8) : 0;
    const cacheWrite = provider === 'anthropic' && rand() < 0.2 ? Math.floor((input - cached) * rand() * 0.5) : 0;
    const output = embeddings ? 0 : Math.floor(20 + rand() * rand() * 1_500);
    const reasoning = requestModel === 'o3-mini' ? Math.floor(output * rand() * 0.7) : 0;
    const error = rand() < 0.01;
    const team = pick(rand, TEAMS);
    const record: Record<string, string | number> = {
      timestamp: new Date(START + Math.floor((i / lines) * SPAN_MS)).toISOString(),
      'gen_ai.provider.name': provider,
      'gen_ai.operation.name': embeddings ? 'embeddings' : 'chat',
      'gen_ai.request.model': requestModel,
      'gen_ai.response.model': responseModel,
      'gen_ai.usage.input_tokens': error ? 0 : input,
      'gen_ai.usage.output_tokens': error ? 0 : output,
    };
    // About 2% carry no response id: their id is derived from their content.
    if (rand() >= 0.02) record['gen_ai.response.id'] = `resp-${seed}-${i.toString(36)}-${Math.floor(rand() * 2 ** 32).toString(16)}`;
    if (cached && !error) record['gen_ai.usage.cache_read.input_tokens'] = cached;
    if (cacheWrite && !error) record['gen_ai.usage.cache_creation.input_tokens'] = cacheWrite;
    if (reasoning && !error) record['gen_ai.usage.reasoning.output_tokens'] = reasoning;
    if (error) record['error.type'] = pick(rand, ['rate_limit_exceeded', 'timeout', 'context_length_exceeded']);
    record.duration_ms = Math.floor(100 + rand() * 8_000);
    record['service.name'] = `${team}-api`;
    record.team = team;
    record.feature = pick(rand, FEATURES);
    record.environment = pick(rand, ENVS);
    if (rand() < 0.7) record.customer = `cust-${Math.floor(rand() * 500)}`;
    if (rand() < 0.4) record['task.id'] = `task-${Math.floor(i / 6)}`;
    await out.write(JSON.stringify(record));
  }
  await out.close();
}
