/**
 * A scripted OpenAI-compatible chat completions server on 127.0.0.1 for @langchain/openai: each
 * request gets the next scripted reply (a tool call or text), every request body is kept for
 * assertions, and prompt tokens are counted with a real tokenizer (o200k_base), as the real API
 * would report them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getEncoding } from 'js-tiktoken';

export type ScriptedReply = { toolCalls: Array<{ name: string; args: unknown }> } | { text: string } | { status: number; body: string } | ((request: ChatRequest) => ScriptedReply);

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: unknown; tool_calls?: unknown }>;
  tools?: Array<{ type: string; function: { name: string; parameters: unknown } }>;
  [key: string]: unknown;
}

export interface FakeOpenAI {
  baseURL: string;
  requests: ChatRequest[];
  promptTokens: number[];
  script(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

const encoder = getEncoding('o200k_base');

/** Tokens of what the model reads: message contents and the tool definitions. */
function countPromptTokens(req: ChatRequest): number {
  const text = req.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''))).join('\n') + (req.tools ? JSON.stringify(req.tools) : '');
  return encoder.encode(text).length + 4 * req.messages.length;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: ScriptedReply[] = [];
  const requests: ChatRequest[] = [];
  const promptTokens: number[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      const parsed = JSON.parse(body) as ChatRequest;
      requests.push(parsed);
      let next: ScriptedReply = queue.shift() ?? { status: 500, body: '{"error":{"message":"script exhausted"}}' };
      while (typeof next === 'function') next = next(parsed);
      const reply = next;
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
        return;
      }
      const prompt = countPromptTokens(parsed);
      promptTokens.push(prompt);
      n++;
      const message =
        'toolCalls' in reply
          ? { role: 'assistant', content: null, tool_calls: reply.toolCalls.map((c, i) => ({ id: `call_${n}_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } })) }
          : { role: 'assistant', content: reply.text };
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${n}-${Date.now()}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: parsed.model,
          choices: [{ index: 0, message, finish_reason: 'toolCalls' in reply ? 'tool_calls' : 'stop' }],
          usage: { prompt_tokens: prompt, completion_tokens: 20, total_tokens: prompt + 20 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    promptTokens,
    script: (...replies) => queue.push(...replies),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
