import { responsePathAsArray, type GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { EntityName } from '../../adapters/sdk/index.js';
import { OWNER, type GatewayContext, type Owned, type Owner, type PersonNode, type ScopedPerson } from '../context/index.js';
import { sourceError } from '../sources/index.js';

/**
 * The record groups of one entity for one person, from the agencies this field's decision
 * released (and only those); an agency that does not know the person contributes nothing.
 * An agency that fails yields its coded, agency-named error at this field's path: alongside the
 * other agencies' records when there are some, else instead of them (the field is then `null`,
 * never an empty list that would read as "nothing known").
 */
export async function loadRecords<T extends object>(ctx: GatewayContext, scoped: ScopedPerson, entity: EntityName, info: GraphQLResolveInfo): Promise<Array<Owned<T>>> {
  const { agencies } = scoped;
  // One agency (the usual case): its records or its error, without settling a list of promises.
  if (agencies.length === 1) return recordsOf<T>(ctx, scoped.node, agencies[0]!, entity);
  const settled = await Promise.allSettled(agencies.map((agency) => recordsOf<T>(ctx, scoped.node, agency, entity)));
  const records = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as GraphQLError] : []));
  if (failures.length === 0) return records;
  if (records.length === 0) throw failures[0];
  const path = responsePathAsArray(info.path);
  for (const f of failures) ctx.notices.push({ message: f.message, path, extensions: f.extensions });
  return records;
}

/** One agency's records of `entity` for the person, each carrying its owner; rejects with the agency's coded error. */
async function recordsOf<T extends object>(ctx: GatewayContext, node: PersonNode, agency: string, entity: EntityName): Promise<Array<Owned<T>>> {
  const linkError = node.linkErrors.get(agency);
  if (linkError !== undefined) throw sourceError(linkError, agency);
  const link = node.links.get(agency);
  if (!link) return [];
  ctx.audit.read(node.id, agency);
  let value: unknown;
  try {
    value = await ctx.sources.load(agency, entity, link.ref);
  } catch (error) {
    throw sourceError(error, agency);
  }
  if (value instanceof Error) throw sourceError(value, agency);
  if (value === null || value === undefined) return [];
  const owner: Owner = { person: node, agency, entity };
  if (!Array.isArray(value)) return [owned(value as T, owner)];
  const records = new Array<Owned<T>>(value.length);
  for (let i = 0; i < value.length; i++) records[i] = owned(value[i] as T, owner);
  return records;
}

/**
 * The record marked with its owner. Records are built afresh for each request's batch (the
 * adapters' `load` contract) and live in that request's loaders only, so the first owner marks
 * the record itself rather than a copy of it (a copy of every record cost 150 KB of garbage per
 * 50-person request). The same record read again for the same person, agency and entity (an
 * alias) keeps its mark; for anyone else (the person asked for twice) and for a record that
 * cannot take a property (frozen), it is copied.
 */
function owned<T extends object>(record: T, owner: Owner): Owned<T> {
  const marked = (record as Partial<Owned<T>>)[OWNER];
  if (marked === undefined) {
    if (Object.isExtensible(record)) {
      (record as Owned<T>)[OWNER] = owner;
      return record as Owned<T>;
    }
  } else if (marked.person === owner.person && marked.agency === owner.agency && marked.entity === owner.entity) {
    return record as Owned<T>;
  }
  return { ...record, [OWNER]: owner } as Owned<T>;
}
