/**
 * Reading a request body with a limit: the bytes are counted as they stream in (a chunked body
 * announces no length) and reading stops at the first chunk past the limit, with BodyTooLarge,
 * which Penny's HTTP server answers with 413.
 */
import type http from 'node:http';

export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
  constructor(readonly maxBytes: number) {
    super(`request body over ${maxBytes} bytes`);
  }
}

export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= maxBytes) return void chunks.push(c);
      // Stop reading; the server answers 413 and closes the connection.
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      reject(new BodyTooLarge(maxBytes));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
