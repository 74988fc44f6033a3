/**
 * UTF-8 to and from strings, fast for the ASCII that billing exports almost always are. On the way
 * in, an ASCII buffer is decoded as its own Latin-1 bytes, which Node copies in bulk, where UTF-8
 * decoding goes a character at a time (several times slower, a visible part of a large load's
 * CPU); on the way out, COPY lines are written straight into one buffer.
 */
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';

/** Room for any line's UTF-8 (at most 3 bytes per UTF-16 unit), kept from one call to the next. */
let scratch = Buffer.allocUnsafeSlow(0);

/**
 * The UTF-8 bytes of `lines`, each ended by a newline, in a buffer of their own (never Node's
 * shared pool), so they can be transferred. Written line by line, not joined into one string
 * first; Node writes ASCII runs in bulk. (Writing Latin-1 and checking the bytes for ASCII was
 * wrong: Latin-1 keeps a character's low byte, so "Ł", U+0141, came out as "A".)
 */
export function utf8Lines(lines: readonly string[]): Uint8Array {
  let units = lines.length;
  for (const line of lines) units += line.length;
  if (scratch.length < units * 3) scratch = Buffer.allocUnsafeSlow(units * 3);
  let at = 0;
  for (const line of lines) {
    at += scratch.write(line, at, 'utf8');
    scratch[at++] = 10;
  }
  const bytes = Buffer.allocUnsafeSlow(at);
  scratch.copy(bytes, 0, 0, at);
  return bytes;
}

/** A stream of UTF-8 buffers as text, as `setEncoding('utf8')` gives it (a character split across buffers included). */
export function utf8Text(): Transform {
  const decoder = new StringDecoder('utf8');
  // The decoder holds the start of a character only after a buffer that ended in a non-ASCII byte.
  let pending = false;
  return new Transform({
    decodeStrings: true,
    encoding: 'utf8',
    transform(bytes: Buffer, _encoding, done) {
      if (!pending && isAscii(bytes)) return done(null, bytes.toString('latin1'));
      pending = bytes.length > 0 && bytes[bytes.length - 1]! >= 0x80;
      done(null, decoder.write(bytes));
    },
    flush(done) {
      done(null, decoder.end());
    },
  });
}
