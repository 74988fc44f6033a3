#!/usr/bin/env node
/**
 * The `penny` executable, run compiled (dist/cli/bin.js, built by `npm install` through `prepare`)
 * so a command starts without compiling TypeScript first.
 */
import { main } from './main.ts';

process.exitCode = await main(process.argv);
