/**
 * The Markdown a pull request gets, compared whole with golden files (test/fixtures/review/*.md,
 * rendered with test/fixtures/review/penny.yml and no history). After a deliberate change of the
 * comment, review the new text and refresh them with `npx vitest run test/review/golden.test.ts -u`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/review/config.ts';
import { emptyHistory } from '../../src/review/history.ts';
import { renderComment } from '../../src/review/render.ts';
import { reviewDiff } from '../../src/review/review.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/review');
const AS_OF = '2026-01-20';
const config = parseConfig(fs.readFileSync(path.join(FIXTURES, 'penny.yml'), 'utf8'));

async function markdown(name: string): Promise<string> {
  const diff = fs.readFileSync(path.join(FIXTURES, `${name}.diff`), 'utf8');
  const r = await reviewDiff({ diff, source: `${name}.diff`, config, history: emptyHistory(AS_OF), asOf: AS_OF });
  return `${renderComment(r)}\n`;
}

it.each(['model-swap', 'limit-removed', 'terraform-gpu', 'terraform-modules', 'k8s-gpu', 'new-call', 'docs-only'])('%s.diff renders as its golden .md', async (name) => {
  await expect(await markdown(name)).toMatchFileSnapshot(path.join(FIXTURES, `${name}.md`));
});

it('an output limit is an upper bound: its line and a total that includes it say "up to"', async () => {
  const swap = await markdown('model-swap');
  expect(swap).toMatch(/^\*\*Estimated monthly cost change: up to \+\$[\d,.]+\*\*$/m);
  expect(swap).toMatch(/^\| Output limit \(query-rewrite\) \| .* \| up to \+\$[\d,.]+ \| upper bound \|$/m);
  expect(swap).toMatch(/^\| Model change \(query-rewrite\) \| .* \| \+\$[\d,.]+ \| assumption \|$/m);
  // Compute at list price is no bound: neither its lines nor its total say "up to".
  expect(await markdown('terraform-gpu')).not.toContain('up to');
});
