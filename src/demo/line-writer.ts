/**
 * Writes a large generated file line by line: lines are buffered and written in blocks, waiting
 * for the stream to drain, so memory stays flat however many lines there are.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export class LineWriter {
  private readonly out;
  private buffer: string[] = [];
  lines = 0;

  constructor(readonly file: string) {
    this.out = createWriteStream(file, { highWaterMark: 1 << 20 });
  }

  async write(line: string): Promise<void> {
    this.buffer.push(line);
    this.lines++;
    if (this.buffer.length >= 5000) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.out.write(this.buffer.join('\n') + '\n');
    this.buffer = [];
    if (!ok) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}
