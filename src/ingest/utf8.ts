/**
 * UTF-8 to and from strings, fast for the ASCII that billing exports almost always are: an ASCII
 * text is its own Latin-1 bytes, which Node copies in bulk, where UTF-8 goes a character at a time
 * (several times slower, a visible part of a large load's CPU on the way in and on the way out).
 */
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';

const encoder = new TextEncoder();

/** The UTF-8 bytes of `text` in a buffer of their own (never Node's shared pool), so they can be transferred. */
export function utf8Bytes(text: string): Uint8Array {
  const bytes = Buffer.allocUnsafeSlow(text.length);
  bytes.write(text, 0, text.length, 'latin1');
  // Latin-1 keeps only each character's low byte: right exactly when every character is ASCII.
  return isAscii(bytes) ? bytes : encoder.encode(text);
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
