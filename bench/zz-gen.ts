import { openBigDataset } from '/work/wt-citus/bench/big-dataset.ts';
const t0 = Date.now();
const db = await openBigDataset(undefined);
console.log('ready in', (Date.now() - t0) / 1000, 's', db.location);
await db.close();
