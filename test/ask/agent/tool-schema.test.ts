/**
 * Which servers get the tools' shared schemas by reference (PENNY_TOOL_SCHEMA): OpenAI's hosts
 * resolve `$ref`; some self-hosted OpenAI-compatible servers drop `$defs`, and a model that reads
 * a reference to nothing guesses the filter's shape, so elsewhere the shape is written out.
 */
import { expect, it } from 'vitest';
import { loadEnv } from '../../../src/config/env.ts';
import { toolSchemaRefs } from '../../../src/ask/agent/tool-definitions.ts';

it('auto refers on OpenAI and Azure OpenAI, and inlines on any other server', () => {
  expect(toolSchemaRefs('auto', undefined)).toBe(true);
  expect(toolSchemaRefs('auto', 'https://api.openai.com/v1')).toBe(true);
  expect(toolSchemaRefs('auto', 'https://northwind.openai.azure.com/openai/deployments/gpt-4o')).toBe(true);
  expect(toolSchemaRefs('auto', 'http://127.0.0.1:11434/v1')).toBe(false);
  expect(toolSchemaRefs('auto', 'https://tgi.internal.example/v1')).toBe(false);
  // A host that only ends in the same letters is not OpenAI's.
  expect(toolSchemaRefs('auto', 'https://notapi.openai.com.evil.example/v1')).toBe(false);
  expect(toolSchemaRefs('auto', 'https://myapi.openai.com/v1')).toBe(false);
});

it('refs and inline are followed whatever the server; the setting is checked at start', () => {
  expect(toolSchemaRefs('inline', undefined)).toBe(false);
  expect(toolSchemaRefs('refs', 'http://127.0.0.1:8000/v1')).toBe(true);
  expect(loadEnv({}).PENNY_TOOL_SCHEMA).toBe('auto');
  expect(() => loadEnv({ PENNY_TOOL_SCHEMA: 'refs-please' })).toThrow(/PENNY_TOOL_SCHEMA/);
});
