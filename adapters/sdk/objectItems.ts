import type { Logger } from 'pino';

/**
 * The object items of an agency's JSON item array (REST, GraphQL): anything else (a string, a
 * number, a nested array) is dropped and counted in a warning, never turned into a record.
 */
export function objectItems(items: readonly unknown[], logger: Logger, entity: string): Array<Record<string, unknown>> {
  const objects = items.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
  if (objects.length < items.length) logger.warn({ entity, dropped: items.length - objects.length }, 'dropped response items that are not objects');
  return objects;
}
