import { pino } from 'pino';
import type { AdapterCall, AdapterDeps, EntityName } from '../../adapters/sdk/index.js';

export const silentLogger = pino({ level: 'silent' });

/** Adapter deps for tests, recording every backend call. */
export interface TestDeps extends AdapterDeps {
  readonly backendCalls: EntityName[];
}

export function testDeps(baseDir: string, extra: Partial<AdapterDeps> = {}): TestDeps {
  const backendCalls: EntityName[] = [];
  return {
    logger: silentLogger,
    baseDir,
    onBackendCall: (entity) => backendCalls.push(entity),
    ...extra,
    backendCalls,
  };
}

/** A call context; pass a signal to test aborts. */
export function testCall(signal: AbortSignal = new AbortController().signal): AdapterCall {
  return { signal, purpose: 'test', logger: silentLogger };
}
