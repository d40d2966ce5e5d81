import type { EntityName } from './model.js';
import { RECORD_SCHEMAS, RECORD_SHAPES } from './recordSchemas.js';

/**
 * Checks one record an adapter returned against its common type (for list entities: one item).
 * Returns null when it fits, else where and how it does not (`sentence.offences.0.code:
 * too_big`) — paths and zod issue codes only, never a value, so the answer is safe to log.
 * It runs for every record, so a fitting one is recognised by the shape's allocation-free
 * predicate; zod, which copies the record, is asked only to explain a refusal.
 */
export function checkRecord(entity: EntityName, record: unknown): string | null {
  if (RECORD_SHAPES[entity].test(record)) return null;
  return zodProblem(entity, record);
}

/** zod's account of a record the predicate refused: its first issue and how many more, or null if zod accepts it after all. */
function zodProblem(entity: EntityName, record: unknown): string | null {
  const result = RECORD_SCHEMAS[entity].safeParse(record);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const more = result.error.issues.length > 1 ? ` (+${result.error.issues.length - 1} more)` : '';
  return `${path || '(record)'}: ${issue.code}${more}`;
}
