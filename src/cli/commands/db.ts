/**
 * `penny db distribute`: converts an existing single-server database on a Citus coordinator in
 * place. It installs the citus extension in the database when missing (the server must load
 * Citus, and workers must have been added with citus_add_node), then distributes Penny's large
 * tables, moving their rows into shards on the workers (src/db/citus.ts), and brings back to the
 * coordinator a daily rollup that an earlier Penny distributed. Run it once; after it, Penny's
 * migrations keep new tables and months distributed. Running it again changes nothing.
 */
import { Command } from 'commander';
import { DISTRIBUTED } from '../../db/citus.ts';
import { distribute } from '../../db/migrate.ts';
import { printJson, UserError, withDb } from '../context.ts';

interface Placement {
  table: string;
  column: string;
  shards: number;
  nodes: string[];
}

function distributeCommand(): Command {
  return new Command('distribute')
    .description("distribute Penny's large tables across the workers of the Citus cluster this database is on (in place)")
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: { json?: boolean }) => {
      const result = await withDb(async ({ db }) => {
        const { rows: ext } = await db.pool.query<{ loaded: boolean }>("select current_setting('shared_preload_libraries') ~ '\\mcitus\\M' as loaded");
        if (!ext[0]!.loaded) throw new UserError('this PostgreSQL server does not run Citus: install Citus and add it to shared_preload_libraries on the coordinator and every worker first');
        await db.pool.query('create extension if not exists citus').catch((err: Error) => {
          throw new UserError(`could not create the citus extension: ${err.message}`);
        });
        const { rows: workers } = await db.pool.query<{ n: number }>("select count(*)::int as n from pg_dist_node where noderole = 'primary' and isactive and shouldhaveshards and groupid <> 0");
        if (workers[0]!.n === 0) throw new UserError("the cluster has no workers: add them on the coordinator with select citus_add_node('host', port), then run this again");
        // Opening the database already distributes when the extension was there (migrate.ts).
        await distribute(db.pool);
        const { rows } = await db.pool.query<Placement>(
          `select t.table_name::text as table, t.distribution_column as column, t.shard_count::int as shards,
                  array(select distinct s.nodename || ':' || s.nodeport from citus_shards s where s.table_name = t.table_name order by 1) as nodes
             from citus_tables t where t.table_name::text = any($1::text[]) order by 1`,
          [DISTRIBUTED.map((d) => d.table)],
        );
        return { tables: rows };
      });
      if (opts.json) return printJson(result);
      const lines = result.tables.map((t) => `  ${t.table} by ${t.column}: ${t.shards} shards on ${t.nodes.join(', ')}`);
      process.stdout.write(["✓ Penny's large tables are distributed:", ...lines].join('\n') + '\n');
    });
}

export function dbCommand(): Command {
  return new Command('db').addCommand(distributeCommand());
}
