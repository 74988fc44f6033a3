/**
 * Where the files shipped beside the code are (prompts, workflows, SQL migrations, price tables).
 * Penny runs from dist/ (compiled, what `penny` runs) and from src/ (tests, benches through tsx);
 * both folders sit directly under the package root, so paths from the root hold for both, where
 * paths from a module's own folder would miss the files tsc does not copy into dist/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** An absolute path under the package root, e.g. shippedPath('src', 'db', 'migrations'). */
export function shippedPath(...parts: string[]): string {
  return path.join(PACKAGE_ROOT, ...parts);
}
