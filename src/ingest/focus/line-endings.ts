/**
 * Text with every line ending made `\n`. Real exports mix them: a CRLF file whose last line ends in
 * a bare LF (papaparse, guessing CRLF from the start, kept that newline in the last field and lost
 * the row), or LF lines inside a CRLF file (it merged two rows into one). A CR that ends a chunk
 * waits for the next, in case a LF follows it.
 */
import { Transform } from 'node:stream';

export function lfLineEndings(): Transform {
  let held = '';
  return new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: string, _encoding, done) {
      let text = held + chunk;
      held = '';
      if (text.endsWith('\r')) {
        held = '\r';
        text = text.slice(0, -1);
      }
      done(null, text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
    },
    flush(done) {
      done(null, held === '' ? '' : '\n');
    },
  });
}
