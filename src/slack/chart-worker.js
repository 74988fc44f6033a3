// Only when Penny runs from its TypeScript sources (tests, benches): a worker thread does not
// inherit tsx's loader from the main thread, so register it, then run the TypeScript worker. From
// dist/, the same URL names the compiled chart-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./chart-worker.ts');
