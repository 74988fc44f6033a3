/**
 * A bare HTTP/1.1 client over a TCP socket on 127.0.0.1, for what fetch cannot do: send a request
 * head announcing a body and then send none, or a chunked body that never ends, and read the
 * answer meanwhile. It returns the status and headers of the answer as soon as they arrive.
 */
import net from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
}

export interface RawRequest {
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  /**
   * Send this many body bytes as chunks (`transfer-encoding: chunked`), all at once, and never
   * the last chunk: any answer then comes before the body ends. Omitted: send the head only.
   */
  chunkedBytes?: number;
}

const CHUNK = 64 * 1024;

function parseHead(text: string): RawAnswer {
  const [statusLine, ...lines] = text.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine!.split(' ')[1]), headers };
}

export function rawRequest(r: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(r.port, '127.0.0.1');
    let received = '';
    let answered = false;
    socket.on('data', (d) => {
      received += d.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end < 0 || answered) return;
      answered = true;
      resolve(parseHead(received.slice(0, end)));
      socket.destroy();
    });
    // The server may close, even reset, the connection once it has answered; libuv reads what
    // arrived before it writes more, so an answer is seen before the write fails.
    socket.on('error', (err) => {
      if (!answered) reject(new Error(`connection failed before an answer: ${err.message}`));
    });
    socket.on('close', () => {
      if (!answered) reject(new Error('the server closed the connection without answering'));
    });
    const head = [`${r.method} ${r.path} HTTP/1.1`, 'host: 127.0.0.1', ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)];
    if (r.chunkedBytes === undefined) return void socket.write(`${head.join('\r\n')}\r\n\r\n`);
    head.push('transfer-encoding: chunked');
    const chunk = Buffer.concat([Buffer.from(`${CHUNK.toString(16)}\r\n`), Buffer.alloc(CHUNK, 0x61), Buffer.from('\r\n')]);
    const chunks = Array.from({ length: Math.ceil(r.chunkedBytes / CHUNK) }, () => chunk);
    socket.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), ...chunks]));
  });
}
