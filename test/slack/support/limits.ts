/**
 * Slack's Block Kit limits, checked on what Penny actually sent: 50 blocks a message (100 in a
 * Home tab), 3,000 characters per text, 10 elements per context block, 150 per header.
 */
import type { SlackCall } from './fake-slack.ts';

type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string | { text: string } }[] };

function blocksOf(call: SlackCall): { blocks: Block[]; max: number } | null {
  if (call.method === 'views.publish') return { blocks: (call.args.view as { blocks: Block[] }).blocks ?? [], max: 100 };
  const blocks = call.args.blocks as Block[] | undefined;
  return blocks ? { blocks, max: 50 } : null;
}

export function blockKitProblems(calls: SlackCall[]): string[] {
  const problems: string[] = [];
  for (const call of calls) {
    const found = blocksOf(call);
    if (!found) continue;
    const where = `${call.method}`;
    if (found.blocks.length > found.max) problems.push(`${where}: ${found.blocks.length} blocks`);
    for (const b of found.blocks) {
      if (b.text && b.text.text.length > (b.type === 'header' ? 150 : 3000)) problems.push(`${where}: ${b.type} text of ${b.text.text.length}`);
      for (const f of b.fields ?? []) if (f.text.length > 2000) problems.push(`${where}: field of ${f.text.length}`);
      if (b.type === 'context' && (b.elements?.length ?? 0) > 10) problems.push(`${where}: context with ${b.elements!.length} elements`);
      if (b.type === 'actions' && (b.elements?.length ?? 0) > 25) problems.push(`${where}: actions with ${b.elements!.length} elements`);
      for (const e of b.elements ?? []) {
        const t = typeof e.text === 'string' ? e.text : e.text?.text;
        if (t && t.length > 3000) problems.push(`${where}: element text of ${t.length}`);
      }
    }
    if (typeof call.args.text === 'string' && call.args.text.length > 40_000) problems.push(`${where}: fallback text of ${call.args.text.length}`);
  }
  return problems;
}
