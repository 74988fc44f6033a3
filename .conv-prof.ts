import { Attributor, DEFAULT_ATTRIBUTION_KEYS } from '/work/main/src/ingest/attribution.ts';
import { FileConverter } from '/work/main/src/ingest/focus/convert.ts';
import { openRecords } from '/work/main/src/ingest/focus/readers.ts';
const t0 = performance.now();
const source = await openRecords(process.argv[2]!);
const c = new FileConverter(source, '1', false, new Attributor(DEFAULT_ATTRIBUTION_KEYS));
let rows = 0, bytes = 0;
const readOnly = process.env.READ_ONLY;
if (readOnly) { for await (const b of source.batches) rows += b.records.length; }
else for await (const ch of c.chunks()) { rows += ch.rows; for (const p of ch.parts) bytes += p.text.byteLength; }
console.log(rows, bytes, ((performance.now() - t0) / 1000).toFixed(2), 's');
