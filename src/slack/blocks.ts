/**
 * Block Kit building blocks that stay inside Slack's limits by construction: at most 50 blocks a
 * message, 3,000 characters per section text, 10 elements per context block, 150 characters per
 * header and 75 per button label. Slack rejects a whole message that breaks one of them
 * (`invalid_blocks`), so every view goes through these instead of writing raw objects.
 *
 * Slack reads &, < and > in mrkdwn and in a message's `text` as markup (`<!channel>` notifies a
 * whole channel, `<https://…|label>` hides a link), so no data reaches Slack unescaped: views pass
 * data through `escapeText` where they put it into section, field and context text, and
 * `codeBlock`, `header` and `fallback` take plain text and escape it themselves (Slack decodes
 * the three entities in plain_text too). Button labels are Penny's own words.
 */
import type { types } from '@slack/bolt';

type ActionsBlock = types.ActionsBlock;
type Button = types.Button;
type ContextBlock = types.ContextBlock;
type HeaderBlock = types.HeaderBlock;
export type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;

export const LIMITS = { blocks: 50, text: 3000, contextElements: 10, header: 150, button: 75, actionElements: 25, fallback: 3000 } as const;

/** Slack's mrkdwn reserves &, < and > (links, mentions); user text and data names are escaped. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function clamp(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clamp(text, LIMITS.text) } };
}

/** A section with up to 10 short two-column fields (Slack's limit), each at most 2,000 characters. */
export function fields(pairs: Array<[string, string]>): SectionBlock {
  return { type: 'section', fields: pairs.slice(0, 10).map(([k, v]) => ({ type: 'mrkdwn', text: clamp(`*${k}*\n${v}`, 2000) })) };
}

/** A header: plain text in, escaped (Slack decodes the three entities in plain_text as well). */
export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: clamp(escapeText(text), LIMITS.header), emoji: true } };
}

export function context(texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((t) => ({ type: 'mrkdwn', text: clamp(t, LIMITS.text) })) };
}

/** Preformatted plain text (a table) in a code block, escaped, cut at a line so the fence stays closed. */
export function codeBlock(text: string): SectionBlock {
  const fence = '```';
  const room = LIMITS.text - 2 * fence.length - 2 - '\n…'.length;
  // Slack reads markup inside code blocks too: a table cell cannot mention @channel.
  let body = escapeText(text.replace(/```/g, "'''"));
  if (body.length > room) body = `${body.slice(0, body.lastIndexOf('\n', room))}\n…`;
  return section(`${fence}\n${body}\n${fence}`);
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: { type: 'plain_text', text: clamp(text, LIMITS.button) }, action_id: actionId, value: clamp(value, 2000), ...(style ? { style } : {}) };
}

export function actions(blockId: string, elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: clamp(blockId, 255), elements: elements.slice(0, LIMITS.actionElements) };
}

/** Keeps a message within 50 blocks: the last kept block says how much was left out. */
export function fitBlocks(blocks: KnownBlock[], more: (left: number) => string = (n) => `… ${n} more not shown`): KnownBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, LIMITS.blocks - 1);
  return [...kept, context([more(blocks.length - kept.length)])];
}

/** A message's `text`, shown in notifications and where blocks cannot be drawn: plain text in, escaped. */
export function fallback(text: string): string {
  return clamp(escapeText(text), LIMITS.fallback);
}
