import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/cli/serveCommand.js';

describe('the operational log', () => {
  it('leaves out what a database error quotes of the rows and values it read, its cause’s too', () => {
    const lines: string[] = [];
    const logger = createLogger(new Writable({ write: (chunk, _enc, done) => { lines.push(String(chunk)); done(); } }));
    const quoting = (label: string) => Object.assign(new Error(`${label}: invalid input syntax`), {
      code: '22P02',
      detail: `${label} Failing row contains (subject-pseudonym-1)`,
      where: `${label} SQL function "audit_request_event" statement 1 with subject-pseudonym-2`,
      internalQuery: `${label} SELECT 'subject-pseudonym-3'`,
    });
    logger.error({ err: Object.assign(quoting('outer'), { cause: quoting('inner') }) }, 'audit read failed');
    const text = lines.join('');
    expect(text).toContain('outer: invalid input syntax');
    expect(text).toContain('22P02');
    expect(text).toContain('inner: invalid input syntax');
    expect(text).not.toMatch(/subject-pseudonym/);
  });
});
