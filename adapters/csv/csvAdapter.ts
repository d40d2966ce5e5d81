import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  AdapterUnavailable, codeOf, entityNotMapped, buildRecords, compileMapping, loadMapping, mappingError, parseAdapterConfig,
  runBatch, type Adapter, type AdapterFactory, type ChildRows, type ChunkResult, type CompiledEntity,
} from '../sdk/index.js';
import { csvConfig } from './csvConfig.js';
import { CsvFileCache, type CsvRow } from './CsvFileCache.js';

/**
 * `kind: csv` — files a partner drops in a folder. Each chunk of keys is one backend call: the
 * entity's file and its list files are stat'ed, re-parsed only when changed, and looked up in
 * per-key indexes.
 */
export const csvAdapter: AdapterFactory = async (agency, rawConfig, deps) => {
  const config = parseAdapterConfig(agency, 'csv', csvConfig, rawConfig);
  const folder = resolve(deps.baseDir, config.path);
  const mappingFile = resolve(deps.baseDir, config.mapping);
  const source = await loadMapping(mappingFile, agency, { kind: 'csv' });
  const inFolder = (file: string, where: { line: number; entity: string; field?: string }): string => {
    const path = resolve(folder, file);
    const rel = relative(folder, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      throw mappingError(agency, { file: mappingFile, ...where }, `file "${file}" is outside the adapter's folder`);
    }
    return path;
  };
  const files = new Map<string, string>();
  for (const [entity, spec] of source.entities) {
    files.set(entity, inFolder(spec.file!, { line: spec.line, entity }));
    for (const list of spec.lists) files.set(`${entity}\u0000${list.path}`, inFolder(list.file!, { line: list.line, entity, field: list.path }));
  }
  const mapping = compileMapping(source);
  const cache = new CsvFileCache();

  const fetchChunk = async (entity: CompiledEntity, keys: string[]): Promise<ChunkResult> => {
    const { spec } = entity;
    deps.onBackendCall(spec.entity);
    const delimiter = spec.delimiter ?? ',';
    const [table, ...lists] = await Promise.all([
      cache.get(files.get(spec.entity)!, delimiter),
      ...entity.lists.map((l) => cache.get(files.get(`${spec.entity}\u0000${l.spec.path}`)!, l.spec.delimiter ?? delimiter)),
    ]);
    const index = table!.index(entity.keyOf);
    const rows: CsvRow[] = [];
    for (const key of keys) for (const row of index.get(key) ?? []) rows.push(row);
    const children: ChildRows[] = lists.map((t, i) => t.index(entity.lists[i]!.keyOf));
    return buildRecords(entity, rows, children);
  };

  let closed = false;
  const adapter: Adapter = {
    agency,
    kind: 'csv',
    entities: new Set(mapping.entities.keys()),
    deadlineMs: config.deadlineMs,
    load(entity, keys, call) {
      const compiled = mapping.entities.get(entity);
      if (!compiled) return Promise.reject(entityNotMapped(agency, entity));
      if (closed) return Promise.reject(new AdapterUnavailable(agency, `${agency}: the adapter is closed`));
      return runBatch({
        agency, entity, keys, call,
        deadlineMs: config.deadlineMs,
        maxBatch: compiled.spec.maxBatch ?? config.maxBatch,
        concurrency: 1,
        many: compiled.spec.many,
        fetch: (chunk) => fetchChunk(compiled, chunk),
        failure: (error) => new AdapterUnavailable(agency, `${agency}: ${entity} file could not be read${codeOf(error)}`, { cause: error }),
      });
    },
    async listKeys(entity, page) {
      const compiled = mapping.entities.get(entity);
      if (!compiled) throw entityNotMapped(agency, entity);
      if (closed) throw new AdapterUnavailable(agency, `${agency}: the adapter is closed`);
      deps.onBackendCall(entity);
      try {
        const table = await cache.get(files.get(entity)!, compiled.spec.delimiter ?? ',');
        // Code-unit order, the same on every platform; the file is re-read only when it changed.
        const keys = [...table.index(compiled.keyOf).keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const from = page.after === null ? 0 : keys.findIndex((k) => k > page.after!);
        return from < 0 ? [] : keys.slice(from, from + page.limit);
      } catch (error) {
        throw new AdapterUnavailable(agency, `${agency}: listing ${entity} failed${codeOf(error)}`, { cause: error });
      }
    },
    async ready() {
      try {
        if (!(await stat(folder)).isDirectory()) return { ok: false, detail: 'the csv path is not a folder' };
        await access(folder, constants.R_OK | constants.X_OK);
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: `the csv folder is not readable${codeOf(error)}` };
      }
    },
    async close() {
      closed = true;
      cache.clear();
    },
  };
  return adapter;
};
