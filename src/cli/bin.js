#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npx penny` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
