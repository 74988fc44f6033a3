import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';

const SCRIPT = path.resolve(import.meta.dirname, '../../.ci/layers.mjs');
const run = promisify(execFile);
let dir = '';

/** A repository of the given files, checked by the layering script. */
async function check(files: Record<string, string>): Promise<{ code: number; out: string }> {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'penny-layers-'));
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), text);
  }
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, dir]);
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, out: e.stderr };
  }
}

afterEach(() => fs.rm(dir, { recursive: true, force: true }));

it('passes imports that follow the data', async () => {
  const r = await check({
    'src/costs/query.ts': "import { QUERY_DIMENSIONS } from '../schema/dimensions.ts';\nimport { z } from 'zod';\n",
    'src/slack/app.ts': "import { runCostQuery } from '../costs/run.ts';\nimport { App } from '@slack/bolt';\n",
    'src/schema/dimensions.ts': 'export const QUERY_DIMENSIONS = [];\n',
  });
  expect(r).toEqual({ code: 0, out: 'layers: every import follows the data\n' });
});

it('fails on an import back, static, dynamic or type-only, naming the file and the rule', async () => {
  const r = await check({
    'src/scans/run.ts': "import type { App } from '@slack/bolt';\n",
    'src/costs/run.ts': "export async function f() { return import('../agent/graph.ts'); }\n",
    'src/ask/answer.ts': "export { propose } from '../remediation/service.ts';\n",
    'src/db/pool.ts': "import { loadFocusFile } from '../ingest/focus/load.ts';\n",
    'src/schema/days.ts': "import { logger } from '../log/logger.ts';\n",
  });
  expect(r.code).toBe(1);
  expect(r.out).toContain('src/scans/run.ts → @slack/bolt: scans write findings that channels read');
  expect(r.out).toContain('src/costs/run.ts → src/agent/graph.ts: the query layer knows no model');
  expect(r.out).toContain('src/ask/answer.ts → src/remediation/service.ts: answering a question never reaches remediation');
  expect(r.out).toContain('src/db/pool.ts → src/ingest/focus/load.ts: the store knows no source');
  expect(r.out).toContain('src/schema/days.ts → src/log/logger.ts: the vocabulary (src/schema) is the bottom layer');
  expect(r.out).toContain('5 import(s) against the layering rules');
});
