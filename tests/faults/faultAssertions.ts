import { expect } from 'vitest';
import type { GraphQLResult } from '../support/embedded.js';

const MESSAGES: Record<string, string> = {
  SOURCE_UNAVAILABLE: 'The %s system is unavailable.',
  SOURCE_TIMEOUT: 'The %s system did not answer in time.',
};

/**
 * The documented partial answer for one failing agency: HTTP 200; every error is that agency's
 * `code` with its public message only (no internals); `supervision` (held only by probation
 * in the demo) is null when `failing` is probation; the other agencies' data is present.
 */
export function expectPartialAnswer(res: GraphQLResult, failing: string, code: 'SOURCE_UNAVAILABLE' | 'SOURCE_TIMEOUT', nullField: string): void {
  expect(res.status).toBe(200);
  const errors = res.body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.extensions).toEqual({ code, agency: failing });
    expect(e.message).toBe(MESSAGES[code]!.replace('%s', failing));
  }
  expect(errors.map((e) => e.path?.join('.'))).toContain(`person.${nullField}`);
  const person = res.body.data?.person as Record<string, unknown> | null;
  expect(person).not.toBeNull();
  expect(person![nullField]).toBeNull();
  expect(person!.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
}

/** The fields of the agencies still answering are there and carry their records. */
export function expectIntact(res: GraphQLResult, fields: readonly string[]): void {
  const person = res.body.data?.person as Record<string, unknown[] | null>;
  for (const f of fields) expect(person[f]?.length, f).toBeGreaterThan(0);
}
