import type { EntityName } from './model.js';
import { RECORD_SCHEMAS } from './recordSchemas.js';

/**
 * Checks one record an adapter returned against its common type (for list entities: one item).
 * Returns null when it fits, else where and how it does not (`sentence.offences.0.code:
 * too_big`) — paths and zod issue codes only, never a value, so the answer is safe to log.
 */
export function checkRecord(entity: EntityName, record: unknown): string | null {
  const result = RECORD_SCHEMAS[entity].safeParse(record);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const more = result.error.issues.length > 1 ? ` (+${result.error.issues.length - 1} more)` : '';
  return `${path || '(record)'}: ${issue.code}${more}`;
}
