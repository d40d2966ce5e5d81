import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The common schema's SDL: every `schema/*.graphql` file, in name order. */
export function loadTypeDefs(dir = fileURLToPath(new URL('../../schema/', import.meta.url))): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
}
