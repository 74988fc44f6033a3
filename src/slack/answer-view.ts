/**
 * An answer as a Slack message: the sentence with the number, a compact table of the rows, the
 * phrasings Penny can answer when it could not, and a context line saying how it was computed and
 * how fresh the data is. The chart goes separately as a PNG file in the same thread.
 */
import { tabulated, type Answer } from '../ask/answer/answer.ts';
import { formatTable } from '../ask/answer/table.ts';
import { codeBlock, context, escapeText, fallback, fitBlocks, section, type KnownBlock } from './blocks.ts';

/** Rows in the Slack table: more than this is a chart's job (and the CLI's --json). */
const TABLE_ROWS = 12;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export function answerMessage(answer: Answer): SlackMessage {
  const blocks: KnownBlock[] = [section(escapeText(answer.answer))];
  const shown = tabulated(answer);
  const table = shown ? formatTable(shown, TABLE_ROWS) : null;
  // A one-row table repeats the sentence.
  if (table && answer.rows.length > 1) blocks.push(codeBlock(table));
  if (answer.suggestions.length) {
    blocks.push(
      section(
        `Questions I can answer:\n${answer.suggestions
          .slice(0, 8)
          .map((s) => `• ${escapeText(s)}`)
          .join('\n')}`,
      ),
    );
  }
  if (answer.how) blocks.push(context([escapeText(answer.how)]));
  return { text: fallback(answer.answer), blocks: fitBlocks(blocks) };
}

export function workingMessage(): SlackMessage {
  return { text: 'Working on it…', blocks: [context([':hourglass_flowing_sand: Working on it…'])] };
}

/** What a person sees when answering failed; the details (and this reference) are in Penny's log. */
export function failureMessage(reference: string): SlackMessage {
  const text = `Sorry, I could not answer that — something went wrong on my side. If it keeps happening, ask your Penny admin to look for reference \`${reference}\` in the log.`;
  return { text: fallback(text), blocks: [section(`:warning: ${text}`)] };
}

/** A question whose query ran past its statement timeout: what happened and what to ask instead. */
export function tooSlowMessage(reason: string): SlackMessage {
  const text = `Sorry, I could not answer that in time: ${reason}. Try a shorter period or fewer breakdowns.`;
  return { text: fallback(text), blocks: [section(`:hourglass: ${escapeText(text)}`)] };
}

/** For someone the owner map does not name: by their email, or their Slack name when it has none. */
export function noAccessMessage(email: string | null, userId: string): SlackMessage {
  const text = (who: string) =>
    `I can only show spend of teams you own, and the owner map does not name you (${who}) for any team. ` +
    'Ask a FinOps admin to add you to the owner map (`penny owners import`) or to PENNY_ADMINS.';
  return { text: fallback(text(email ?? userId)), blocks: [section(text(email ? escapeText(email) : `<@${userId}>`))] };
}

export const HELP_TEXT = [
  'Ask me about cloud and AI spend, for example:',
  '• `/penny what did we spend last month by team?`',
  '• `/penny gpt-4o cost last week by feature`',
  '• `/penny daily spend of search over the last 30 days`',
  '• `/penny propose a fix for the idle GPU` (one of your findings; nothing runs until its owners approve)',
  '• `/penny suppressed`: the anomaly alerts feedback (Not an anomaly, Expected, Planned) has silenced, with who and why',
  'Mention me (@Penny) in a channel or DM me; follow-up questions in the same thread keep the context.',
].join('\n');
