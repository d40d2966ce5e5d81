import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The demo's agreements, emergency rule, consent recorders and case-team coordinators (demoPolicy.yaml). */
export function demoPolicy(): Record<string, unknown> {
  return parse(readFileSync(new URL('./demoPolicy.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
}
