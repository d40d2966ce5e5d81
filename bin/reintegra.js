#!/usr/bin/env -S node --max-semi-space-size=64
// Runs the TypeScript sources directly (no build step): `npm ci && npm start` is all it takes.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
