/**
 * The tools as the model reads them: each tool's zod schema as a lean JSON schema. Every tool
 * definition is prompt tokens on every question, so what only validation needs stays with zod (the
 * tools still parse their input with their own schemas): string and list lengths, closed objects,
 * `$schema`, a `type` beside an enum. Fields with a default are optional, as the model may leave
 * them out, and a schema used more than once (a filter, in `filters` and in a share's `part`) is
 * written once under `$defs`, where the server reads references (toolSchemaRefs).
 */
import type { StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';

/** Keys that only constrain what the tools' own parsing rejects anyway. */
const VALIDATION_ONLY = new Set(['$schema', 'additionalProperties', 'maxLength', 'minLength', 'maxItems', 'minItems', 'pattern', 'propertyNames']);
/** Keys whose value is a map of names to schemas, not a schema. */
const SCHEMA_MAPS = new Set(['properties', '$defs']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (j: Json): j is JsonObject => typeof j === 'object' && j !== null && !Array.isArray(j);

function lean(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(lean);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (VALIDATION_ONLY.has(key) || (key === 'type' && ('enum' in schema || 'const' in schema))) continue;
    out[key] = SCHEMA_MAPS.has(key) && isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lean(v)])) : lean(value);
  }
  // A nullable string, `anyOf [string, null]`, is one type list.
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.every((s) => isObject(s) && Object.keys(s).length === 1 && typeof s.type === 'string')) {
    delete out.anyOf;
    out.type = anyOf.map((s) => (s as JsonObject).type!);
  }
  return out;
}

const toJson = (schema: z.ZodType): Json => lean(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json);

/** `schema` with every subtree equal to a shared schema replaced by a reference to it. */
function withRefs(schema: Json, shared: ReadonlyMap<string, string>): Json {
  if (Array.isArray(schema)) return schema.map((s) => withRefs(s, shared));
  if (!isObject(schema)) return schema;
  const name = shared.get(JSON.stringify(schema));
  if (name) return { $ref: `#/$defs/${name}` };
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, withRefs(v, shared)]));
}

/** OpenAI's own hosts resolve `$ref`; some self-hosted servers drop `$defs`, and the model then guesses the shape. */
const READS_REFS = /(?:^|\.)(?:api\.openai\.com|openai\.azure\.com)$/;

/** Whether the tools' shared schemas are written once and referred to (PENNY_TOOL_SCHEMA). */
export function toolSchemaRefs(setting: 'auto' | 'refs' | 'inline', baseUrl: string | undefined): boolean {
  if (setting !== 'auto') return setting === 'refs';
  return baseUrl === undefined || READS_REFS.test(new URL(baseUrl).hostname);
}

export interface ModelTool {
  type: 'function';
  function: { name: string; description: string; parameters: Json };
}

/** A tool's definition for the model; `shared` names schemas written once under `$defs` (none: each written where used). */
export function modelTool(tool: StructuredToolInterface, shared: Record<string, z.ZodType> = {}): ModelTool {
  const defs = Object.entries(shared).map(([name, s]) => [name, toJson(s)] as const);
  const refs = new Map(defs.map(([name, json]) => [JSON.stringify(json), name]));
  const parameters = withRefs(toJson(tool.schema as z.ZodType), refs);
  const used = defs.filter(([name]) => JSON.stringify(parameters).includes(`"#/$defs/${name}"`));
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: used.length && isObject(parameters) ? { ...parameters, $defs: Object.fromEntries(used) } : parameters },
  };
}
