// Plans one question in a worker thread (test/ask/long-question.test.ts), so a planner that
// freezes can be stopped. Worker threads do not inherit tsx's loader: register it first.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { planQuestion } = await import('../../../src/ask/planner/plan.ts');
const { question, asOf, catalog } = workerData;
parentPort.postMessage(planQuestion(question, { asOf, catalog: new Map(catalog) }));
