/**
 * A fake Slack Web API on 127.0.0.1 for Bolt's WebClient (`slackApiUrl`): records every call with
 * its arguments and answers the methods Penny uses — auth.test, chat.postMessage, chat.update,
 * the three steps of files.uploadV2, users.info, users.lookupByEmail, views.publish, views.open,
 * conversations.open, conversations.history (of what was posted, with its metadata) — plus the
 * response_url of slash commands. On demand it answers a method with 429 and Retry-After, with a
 * Slack error, or not at all (a hung API; optionally after doing the call, as when Slack accepted
 * a post and the answer was lost). Also signs requests into Penny's receiver.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** HTTP status the fake answered with. */
  status: number;
  ok: boolean;
  /** When the fake received it (Date.now()), to order it against what Penny's clients saw. */
  at: number;
  /** The ts of the message a chat.postMessage made. */
  madeTs?: string;
}

export interface FakeUser {
  id: string;
  email?: string;
}

/** Form fields that WebClient sends JSON-encoded. */
function decodeField(value: string): unknown {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Channels Penny is not a member of: postMessage fails with not_in_channel. */
  readonly notInChannel = new Set<string>();
  private server!: http.Server;
  private port = 0;
  private tsCounter = 0;
  private fileCounter = 0;
  private readonly limited = new Map<string, { times: number; retryAfter: number }>();
  private readonly failing = new Map<string, { times: number; error: string }>();
  private readonly hanging = new Map<string, { times: number; accept: boolean }>();
  /** Messages posted, per channel, oldest first. */
  private readonly history = new Map<string, Array<{ ts: string; text: unknown; metadata?: unknown }>>();

  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  addUser(id: string, email?: string): void {
    this.users.set(id, { id, email });
  }

  /** The next `times` calls of `method` get 429 with Retry-After: `retryAfter` seconds. */
  rateLimit(method: string, times: number, retryAfter = 1): void {
    this.limited.set(method, { times, retryAfter });
  }

  /** The next `times` calls of `method` answer `{ ok: false, error }`. */
  fail(method: string, error: string, times = 1): void {
    this.failing.set(method, { times, error });
  }

  /**
   * The next `times` calls of `method` get no answer: the connection stays open until the client
   * gives up. With `accept`, the call is done first (a post lands in the channel's history).
   */
  hang(method: string, times = 1, options: { accept?: boolean } = {}): void {
    this.hanging.set(method, { times, accept: options.accept ?? false });
  }

  /** Successful calls of `method`, optionally filtered. */
  ok(method: string, where: (args: Record<string, unknown>) => boolean = () => true): SlackCall[] {
    return this.calls.filter((c) => c.method === method && c.ok && where(c.args));
  }

  reset(): void {
    this.calls.length = 0;
  }

  async waitFor(check: () => boolean, timeoutMs = 30_000, what = 'the expected Slack calls'): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  // Slack's ts is the post's time in seconds: conversations.history's `oldest` compares with it.
  private nextTs(): string {
    this.tsCounter++;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private handle(req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, doc: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(doc));
    if (path.startsWith('/upload/')) {
      this.record({ method: 'upload', args: { file_id: path.slice(8), bytes: raw.length }, status: 200, ok: true });
      res.writeHead(200).end('OK');
      return;
    }
    let args: Record<string, unknown>;
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json')) args = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    else args = Object.fromEntries([...new URLSearchParams(raw.toString('utf8'))].map(([k, v]) => [k, decodeField(v)]));
    if (path.startsWith('/response/')) {
      const hang = this.hanging.get('response_url');
      if (hang && hang.times > 0) {
        hang.times--;
        this.record({ method: 'response_url', args: { ...args, id: path.slice(10) }, status: 0, ok: false });
        return;
      }
      this.record({ method: 'response_url', args: { ...args, id: path.slice(10) }, status: 200, ok: true });
      send(200, { ok: true });
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const hang = this.hanging.get(method);
    if (hang && hang.times > 0) {
      hang.times--;
      if (hang.accept) this.answer(method, args);
      this.record({ method, args, status: 0, ok: false });
      return;
    }
    const limit = this.limited.get(method);
    if (limit && limit.times > 0) {
      limit.times--;
      this.record({ method, args, status: 429, ok: false });
      send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfter) });
      return;
    }
    const failure = this.failing.get(method);
    if (failure && failure.times > 0) {
      failure.times--;
      this.record({ method, args, status: 200, ok: false });
      send(200, { ok: false, error: failure.error });
      return;
    }
    const answer = this.answer(method, args);
    this.record({ method, args, status: 200, ok: answer.ok === true, ...(typeof answer.ts === 'string' && method === 'chat.postMessage' ? { madeTs: answer.ts } : {}) });
    send(200, answer);
  }

  private record(call: Omit<SlackCall, 'at'>): void {
    this.calls.push({ ...call, at: Date.now() });
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://northwind.slack.example/', team: 'Northwind Labs', user: 'penny', team_id: 'T0NORTHWND', user_id: 'U0PENNYBOT', bot_id: 'B0PENNYBOT' };
      case 'chat.postMessage': {
        const channel = String(args.channel);
        if (this.notInChannel.has(channel)) return { ok: false, error: 'not_in_channel' };
        const ts = this.nextTs();
        this.history.set(channel, [...(this.history.get(channel) ?? []), { ts, text: args.text, ...(args.metadata ? { metadata: args.metadata } : {}) }]);
        return { ok: true, channel, ts, message: { text: args.text, ts } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'files.getUploadURLExternal': {
        const id = `F${String(++this.fileCounter).padStart(8, '0')}`;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (args.files as Array<{ id: string; title?: string }>).map((f) => ({ id: f.id, title: f.title })) };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        return user ? { ok: true, user: { id: user.id, profile: { email: user.email } } } : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const user = [...this.users.values()].find((u) => u.email === args.email);
        return user ? { ok: true, user: { id: user.id } } : { ok: false, error: 'users_not_found' };
      }
      case 'views.publish':
        return { ok: true, view: { id: 'V0HOME', type: 'home' } };
      case 'views.open':
        return { ok: true, view: { id: 'V0MODAL', type: 'modal' } };
      case 'conversations.history': {
        const oldest = Number(args.oldest ?? 0);
        const messages = (this.history.get(String(args.channel)) ?? [])
          .filter((m) => Number(m.ts) > oldest)
          .reverse()
          .slice(0, Number(args.limit ?? 100))
          .map(({ metadata, ...m }) => ({ type: 'message', bot_id: 'B0PENNYBOT', ...m, ...(String(args.include_all_metadata) === 'true' && metadata ? { metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** Posts a body into Penny's receiver signed as Slack signs it (v0 HMAC-SHA256 of `v0:ts:body`). */
export async function signedPost(
  url: string,
  secret: string,
  body: string,
  options: { contentType?: string; timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature, ...options.headers },
    body,
  });
}

/** Slash command form body as Slack sends it. */
export function commandBody(fields: Record<string, string>): string {
  return new URLSearchParams({ command: '/penny', team_id: 'T0NORTHWND', trigger_id: 'trig.1', ...fields }).toString();
}

/** Interactivity (button click) body: `payload=<json>`. */
export interface ButtonClick {
  user: string;
  actionId: string;
  value: string;
  /** The message the button is on: its channel and, for a message Penny reads back, its ts. */
  channel?: string;
  messageTs?: string;
  blockId?: string;
  responseUrl?: string;
  triggerId?: string;
  actionTs?: string;
}

/** The block_actions payload Slack sends when someone presses a message button. */
export function blockActions(c: ButtonClick): Record<string, unknown> {
  const ts = c.messageTs ?? '1.1';
  return {
    type: 'block_actions',
    user: { id: c.user },
    team: { id: 'T0NORTHWND' },
    api_app_id: 'A0PENNY',
    trigger_id: c.triggerId ?? 'trig',
    ...(c.responseUrl !== undefined && { response_url: c.responseUrl }),
    ...(c.channel !== undefined && { channel: { id: c.channel }, container: { type: 'message', channel_id: c.channel, message_ts: ts } }),
    ...(c.messageTs !== undefined && { message: { ts: c.messageTs, text: 'x' } }),
    actions: [{ type: 'button', action_id: c.actionId, block_id: c.blockId ?? 'b', value: c.value, action_ts: c.actionTs ?? '1.0' }],
  };
}

export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function eventBody(event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({ token: 'x', team_id: 'T0NORTHWND', api_app_id: 'A0PENNY', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event });
}

/** Sends all bodies at once from a separate process (as Slack would), signed; each response's status, time taken and arrival. */
export async function burst(url: string, secret: string, bodies: string[]): Promise<Array<{ status: number; ms: number; at: number }>> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [new URL('./burst.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(JSON.stringify({ url, secret, bodies }));
  if ((await done) !== 0) throw new Error('the burst client failed');
  return JSON.parse(out);
}
