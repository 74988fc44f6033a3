/**
 * `penny --help` lists every command without loading any, so each command's own help, `penny help
 * <command>` and an unknown command (which other tools recognise by "unknown command") must still
 * behave as when every command was loaded.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';

const TRACE = path.resolve(import.meta.dirname, '../support/module-trace.mjs');
/** The @slack/ and @langchain/ packages a penny command imported. */
const traced = (stderr: string) => [...new Set([...stderr.matchAll(/^module-trace: (\S+)$/gm)].map((m) => m[1]))];

const COMMANDS = ['start', 'ingest', 'owners', 'budget', 'demo', 'scan', 'feedback', 'workflows', 'review-pr', 'ask', 'audit', 'db', 'propose'];

describe('penny help', () => {
  it('penny --help lists every command with its summary', async () => {
    const r = await runPenny(['--help']);
    expect(r.code).toBe(0);
    const listed = [...r.stdout.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]);
    expect(listed).toEqual([...COMMANDS, 'help']);
    expect(r.stdout).toContain('answer a cost question');
  });

  it("a command's own help and penny help <command> show its summary, arguments and options", async () => {
    for (const args of [
      ['ask', '--help'],
      ['help', 'ask'],
    ]) {
      const r = await runPenny(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: penny ask [options] <question...>');
      expect(r.stdout).toContain('answer a cost question, e.g. penny ask "top 5 services last month"');
      expect(r.stdout).toContain('--as-of <YYYY-MM-DD>');
    }
  });

  it('penny ingest --help lists its subcommands', async () => {
    const r = await runPenny(['ingest', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('load cost and usage data');
    for (const sub of ['focus', 'usage', 'tasks', 'metrics', 'rejects', 'rates']) expect(r.stdout).toMatch(new RegExp(`^ {2}${sub} `, 'm'));
  });

  it('penny start --help and penny workflows --help load neither Bolt nor LangChain (the trace does see Bolt when the Slack module loads)', async () => {
    const env = { NODE_OPTIONS: `--import ${TRACE}` };
    for (const args of [
      ['start', '--help'],
      ['workflows', '--help'],
    ]) {
      const r = await runPenny(args, { env });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain(`Usage: penny ${args[0]}`);
      expect(traced(r.stderr), args.join(' ')).toEqual([]);
    }
    // The trace sees them when they do load: the Slack module imports Bolt.
    const slack = await runPenny(['start', '--help'], { env: { NODE_OPTIONS: `--import ${TRACE} --import ${path.resolve(import.meta.dirname, '../../dist/slack/client.js')}` } });
    expect(traced(slack.stderr)).toContain('@slack/bolt');
  });

  it('an unknown command fails saying so, with a suggestion', async () => {
    const r = await runPenny(['aks', 'what did we spend?']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown command 'aks'");
    expect(r.stderr).toContain('ask');
  });
});
