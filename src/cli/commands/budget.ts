/**
 * `penny budget set | list | delete`: budgets per scope (team=search, provider=AWS,service=…).
 * Options are all checked before the database is opened, so a bad one stores nothing. Money is
 * printed as an exact JSON number (12000.10 stays 12000.10), never rounded through a float.
 */
import { Command } from 'commander';
import { AmountError, parseAlertAt, parseCurrency, parseMoney, parseTokens } from '../../budgets/amounts.ts';
import { formatScope, parseScope, ScopeError, type Scope } from '../../schema/scope.ts';
import { deleteBudget, listBudgets, setBudget, type Budget } from '../../budgets/store.ts';
import { UserError, withDb } from '../context.ts';

/** A JSON number written from its decimal text, for amounts and counts a double would round. */
class RawNumber {
  constructor(readonly text: string) {}
}

// JSON.stringify escapes U+0000 as \u0000, which no other string in the document can produce here.
function printExactJson(doc: unknown): void {
  const json = JSON.stringify(doc, (_k, v: unknown) => (v instanceof RawNumber ? `\u0000${v.text}\u0000` : v), 2);
  process.stdout.write(json.replace(/"\\u0000(-?\d+(?:\.\d+)?)\\u0000"/g, '$1') + '\n');
}

function budgetJson(b: Budget) {
  return {
    scope: b.scope,
    name: b.name,
    period: b.period,
    amount: b.amount === null ? null : new RawNumber(b.amount),
    currency: b.currency,
    tokens: b.tokenLimit === null ? null : new RawNumber(b.tokenLimit),
    alertAt: b.alertAt,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

/** 12000.10 → 12,000.10, on the text: no float between the database and the screen. */
const group = (decimal: string) => decimal.replace(/^\d+/, (int) => int.replace(/\B(?=(\d{3})+$)/g, ','));

function describe(b: Budget): string {
  const limits = [b.amount ? `${group(b.amount)} ${b.currency}` : undefined, b.tokenLimit ? `${group(b.tokenLimit)} tokens` : undefined].filter(Boolean);
  const name = b.name ? ` "${b.name}"` : '';
  return `${formatScope(b.scope)}${name}: ${limits.join(' and ')} per month; alerts at ${b.alertAt.map((p) => `${p} %`).join(', ')}`;
}

/** Runs each option's parser and reports every bad one on a single line naming the options. */
function parseOptions<T extends Record<string, unknown>>(parsers: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  const errors: string[] = [];
  for (const option of Object.keys(parsers) as (keyof T & string)[]) {
    try {
      out[option] = parsers[option]();
    } catch (err) {
      if (!(err instanceof AmountError || err instanceof ScopeError || err instanceof UserError)) throw err;
      errors.push(err instanceof UserError ? err.message : `${option}: ${err.message}`);
    }
  }
  if (errors.length > 0) throw new UserError(errors.join('; '));
  return out;
}

function requiredScope(text: string | undefined): Scope {
  if (text === undefined) throw new UserError('--scope is required, e.g. --scope team=search');
  return parseScope(text);
}

interface SetOptions {
  scope?: string;
  monthly?: string;
  tokens?: string;
  currency: string;
  name?: string;
  alertAt?: string;
  json?: boolean;
}

function setCommand(): Command {
  return new Command('set')
    .description('create the budget of a scope, or replace it: options left out go back to their defaults')
    .option('--scope <pairs>', 'key=value[,key=value…]: team, feature, customer, environment, cost_center, provider, service, account, model, tag:<key>…')
    .option('--monthly <amount>', 'money per month, e.g. 12000 or 12000.10')
    .option('--tokens <count>', 'LLM tokens per month, e.g. 500000000, 5e8 or 500M')
    .option('--currency <code>', 'currency of --monthly', 'USD')
    .option('--name <name>', 'a name for people')
    .option('--alert-at <percents>', 'alert thresholds in percent of the budget (default: 75,100)')
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: SetOptions) => {
      const input = parseOptions({
        '--scope': () => requiredScope(opts.scope),
        '--monthly': () => (opts.monthly === undefined ? null : parseMoney(opts.monthly)),
        '--tokens': () => (opts.tokens === undefined ? null : parseTokens(opts.tokens)),
        '--currency': () => parseCurrency(opts.currency),
        '--alert-at': () => (opts.alertAt === undefined ? undefined : parseAlertAt(opts.alertAt)),
        '--name': () => {
          if (opts.name !== undefined && !opts.name.trim()) throw new UserError('--name: is empty');
          return opts.name ?? null;
        },
      });
      if (input['--monthly'] === null && input['--tokens'] === null) throw new UserError('give --monthly <amount>, --tokens <count> or both');
      const result = await withDb(({ db }) =>
        setBudget(db.pool, {
          scope: input['--scope'],
          name: input['--name'],
          amount: input['--monthly'],
          tokenLimit: input['--tokens'],
          currency: input['--currency'],
          alertAt: input['--alert-at'],
        }),
      );
      if (opts.json) return printExactJson({ action: result.action, budget: budgetJson(result.budget) });
      process.stdout.write(`✓ ${result.action} budget ${describe(result.budget)}\n`);
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('show the budgets')
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: { json?: boolean }) => {
      const budgets = await withDb(({ db }) => listBudgets(db.pool));
      if (opts.json) return printExactJson({ budgets: budgets.map(budgetJson) });
      const lines = budgets.length ? budgets.map(describe) : ['no budgets yet; set one with penny budget set --scope team=search --monthly 12000'];
      process.stdout.write(lines.join('\n') + '\n');
    });
}

function deleteCommand(): Command {
  return new Command('delete')
    .description('delete the budget of a scope')
    .option('--scope <pairs>', 'the scope, as given to budget set (key order and short forms do not matter)')
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: { scope?: string; json?: boolean }) => {
      const { '--scope': scope } = parseOptions({ '--scope': () => requiredScope(opts.scope) });
      const deleted = await withDb(({ db }) => deleteBudget(db.pool, scope));
      if (!deleted) throw new UserError(`no budget for scope ${formatScope(scope)}; see penny budget list`);
      if (opts.json) return printExactJson({ deleted: budgetJson(deleted) });
      process.stdout.write(`✓ deleted budget ${describe(deleted)}\n`);
    });
}

export function budgetCommand(): Command {
  return new Command('budget').addCommand(setCommand()).addCommand(listCommand()).addCommand(deleteCommand());
}
