import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { mappingError } from './mappingError.js';
import { MappingReader } from './MappingReader.js';
import type { EntitySpec, Mapping, MappingKind } from './mappingTypes.js';
import { ENTITIES, type EntityName } from './model.js';
import { readEntitySpec } from './readEntitySpec.js';

export interface LoadMappingOptions {
  /** Validate kind-specific keys and requirements (sql identifiers, rest paths, csv files). */
  kind?: MappingKind;
}

/**
 * Reads and validates an agency's mapping file. Throws `MappingInvalid` naming the agency,
 * the entity, the field and `file:line` of the first problem (an unreadable file is reported
 * the same way, without a line).
 */
export async function loadMapping(file: string, agency: string, options: LoadMappingOptions = {}): Promise<Mapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw mappingError(agency, { file }, `cannot read the mapping file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseMapping(text, file, agency, options);
}

/** `loadMapping` on text already read; `file` is used in messages only. */
export function parseMapping(text: string, file: string, agency: string, options: LoadMappingOptions = {}): Mapping {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0]?.line;
    // The pretty message quotes the offending source text and repeats the position: keep the reason only.
    const reason = syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw mappingError(agency, { file, ...(line === undefined ? {} : { line }) }, `YAML: ${reason}`);
  }
  const reader = new MappingReader(agency, file, lines);
  const root = doc.contents;
  if (root === null) throw mappingError(agency, { file }, 'the file is empty');
  const top = reader.entries(root, {}, 'the mapping file', new Set(['entities', 'description', 'version']));
  const entitiesEntry = top.find((e) => e.key === 'entities');
  if (!entitiesEntry) return reader.fail(root, {}, 'missing "entities"');
  const entities = new Map<EntityName, EntitySpec>();
  const known: readonly string[] = ENTITIES;
  for (const { key, keyNode, value } of reader.entries(entitiesEntry.value, {}, 'entities')) {
    if (!known.includes(key)) reader.fail(keyNode, { entity: key }, `unknown entity (known: ${ENTITIES.join(', ')})`);
    entities.set(key as EntityName, readEntitySpec(reader, key as EntityName, keyNode, value, options.kind));
  }
  if (entities.size === 0) reader.fail(entitiesEntry.value ?? entitiesEntry.keyNode, {}, 'entities must name at least one entity');
  return { agency, file, entities };
}
