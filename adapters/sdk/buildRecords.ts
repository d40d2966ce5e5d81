import type { ChildRows, CompiledEntity } from './compileMapping.js';
import { AdapterBadRecord } from './errors.js';
import type { ChunkResult } from './runBatch.js';

/**
 * Builds the common record of every row, keeping a row that does not fit (`AdapterBadRecord`)
 * as that error so only its key fails. Rows without a key are left out.
 */
export function buildRecords(entity: CompiledEntity, rows: readonly unknown[], children?: readonly ChildRows[]): ChunkResult {
  const keys: string[] = [];
  const values: unknown[] = [];
  for (const row of rows) {
    const key = entity.keyOf(row);
    if (key === null) continue;
    let value: unknown;
    try {
      value = entity.build(row, children);
    } catch (error) {
      if (!(error instanceof AdapterBadRecord)) throw error;
      value = error;
    }
    keys.push(key);
    values.push(value);
  }
  return { keys, values };
}
