/**
 * `penny ask "<question>" [--as-of YYYY-MM-DD] [--json]`: answers a cost question. With
 * OPENAI_API_KEY set the agent answers (a model fills typed tool inputs), else the offline planner.
 * `--json` prints {answer, value, unit, rows, query, asOf, dataThrough, llmCalls, promptTokens}
 * plus `how`, `suggestions` and `chart` (the PNG written for a trend or a ranking, else null).
 */
import { Command } from 'commander';
import path from 'node:path';
import { answerQuestion } from '../../ask/agent/answer.ts';
import { chartFor } from '../../charts/choose.ts';
import { writeChart } from '../../charts/render.ts';
import { formatTable } from '../../ask/answer/table.ts';
import { tabulated } from '../../ask/answer/answer.ts';
import { CurrencyCode } from '../../costs/currency.ts';
import { printJson, UserError, withDb } from '../context.ts';

export function askCommand(): Command {
  return new Command('ask')
    .argument('<question...>', 'the question, in plain words')
    .option('--as-of <YYYY-MM-DD>', 'answer as if today were this date (data on or after it is ignored)')
    .option('--thread <id>', 'conversation id, so a follow-up question keeps the context (agent only)')
    .option('--chart-dir <dir>', 'where to write chart PNGs (default: <PENNY_HOME>/charts)')
    .option('--no-chart', 'do not draw a chart')
    .option('--currency <code>', 'answer money in this currency, converted with the rates of `penny ingest rates`')
    .option('--json', 'print one JSON document on stdout')
    .action(async (words: string[], opts: { asOf?: string; thread?: string; json?: boolean; chart: boolean; chartDir?: string; currency?: string }) => {
      if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new UserError(`--as-of must be YYYY-MM-DD, got ${opts.asOf}`);
      const code = CurrencyCode.optional().safeParse(opts.currency);
      if (!code.success) throw new UserError(`--currency: ${code.error.issues[0]!.message}, got ${opts.currency}`);
      const currency = code.data;
      const question = words.join(' ').trim();
      if (question === '') throw new UserError('ask needs a question, e.g. penny ask "what did we spend last month?"');
      const { answer, chart } = await withDb(async ({ db, env }) => {
        const answer = await answerQuestion(db.pool, env, question, { viewer: { admin: true, teams: [] }, asOf: opts.asOf, threadId: opts.thread, currency });
        const shown = tabulated(answer);
        const spec = opts.chart && shown ? chartFor(shown) : null;
        return { answer, chart: spec ? await writeChart(spec, opts.chartDir ?? path.join(env.PENNY_HOME, 'charts')) : null };
      });
      if (opts.json) {
        const { result: _result, ...doc } = answer;
        printJson({ ...doc, chart });
        return;
      }
      const out = [answer.answer];
      const shown = tabulated(answer);
      const table = shown ? formatTable(shown) : null;
      if (table) out.push('', table);
      if (answer.suggestions.length) out.push('', 'Try:', ...answer.suggestions.map((s) => `  penny ask "${s}"`));
      if (answer.how) out.push('', answer.how);
      if (chart) out.push(`Chart: ${chart}`);
      process.stdout.write(out.join('\n') + '\n');
    });
}
