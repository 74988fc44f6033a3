/**
 * The `penny` benches run: the compiled dist/, as users run it, built from the sources first so a
 * bench never times stale code.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

export const PENNY_BIN = path.join(ROOT, 'dist', 'cli', 'bin.js');

/** `npm run build`: src/ → dist/. */
export function buildPenny(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
