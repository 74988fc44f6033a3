/**
 * `penny owners import <file…>` and `penny owners list`: the owner map that alerts are routed by.
 * An import is all or nothing; a refused import lists every problem with file, line and field.
 */
import { Command } from 'commander';
import { importOwnerFiles, OwnerImportError } from '../../owners/import.ts';
import { Channel } from '../../owners/schema.ts';
import { defaultChannel, listOwnerRules, type OwnerRule } from '../../owners/store.ts';
import { printJson, UserError, withDb } from '../context.ts';

const NO_DEFAULT = 'note: no default channel, so findings nobody owns have nowhere to go; set default_channel in the file or pass --default-channel';

function describeRule(r: OwnerRule): string {
  const escalation = r.escalation ? `, escalation ${r.escalation}` : '';
  return `${r.key}=${r.value} → ${r.owners.join(', ')}${escalation}${r.source ? `  (${r.source})` : ''}`;
}

function importCommand(): Command {
  return new Command('import')
    .description('import owners from YAML or CSV (match_key,match_value,owners,escalation); merges by match unless --replace')
    .argument('<files...>', 'owner map files (.yaml, .yml or .csv)')
    .option('--replace', 'make the map exactly these files: other rules are removed, and the default channel is cleared unless given')
    .option('--default-channel <channel>', 'where findings nobody owns go (#name or C…); overrides default_channel in the files')
    .option('--json', 'print one JSON summary on stdout')
    .action(async (files: string[], opts: { replace?: boolean; defaultChannel?: string; json?: boolean }) => {
      let channel: string | undefined;
      if (opts.defaultChannel !== undefined) {
        const parsed = Channel.safeParse(opts.defaultChannel);
        if (!parsed.success) throw new UserError(`--default-channel: ${parsed.error.issues[0]!.message}`);
        channel = parsed.data;
      }
      const result = await withDb(async ({ db }) => {
        try {
          return await importOwnerFiles(db.pool, files, { replace: opts.replace, defaultChannel: channel });
        } catch (err) {
          if (err instanceof OwnerImportError) throw new UserError(err.message);
          throw err;
        }
      });
      if (opts.json) return printJson(result);
      const { rules, created, updated, unchanged, removed, total } = result;
      const lines = [`✓ owner map: ${rules} rules imported (${created} new, ${updated} changed, ${unchanged} unchanged${opts.replace ? `, ${removed} removed` : ''}); ${total} rules in the map`];
      lines.push(result.defaultChannel ? `  default channel: ${result.defaultChannel}` : `  ${NO_DEFAULT}`);
      process.stdout.write(lines.join('\n') + '\n');
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('show the owner map, most specific rules first')
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: { json?: boolean }) => {
      const { rules, channel } = await withDb(async ({ db }) => ({ rules: await listOwnerRules(db.pool), channel: await defaultChannel(db.pool) }));
      if (opts.json) return printJson({ defaultChannel: channel, rules });
      const lines = rules.length ? rules.map(describeRule) : ['no owners yet; import a map with penny owners import owners.yaml'];
      lines.push(channel ? `default channel: ${channel}` : NO_DEFAULT);
      process.stdout.write(lines.join('\n') + '\n');
    });
}

export function ownersCommand(): Command {
  return new Command('owners').addCommand(importCommand()).addCommand(listCommand());
}
