import { responsePathAsArray, type GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { EntityName } from '../../adapters/sdk/index.js';
import { OWNER, type GatewayContext, type Owned, type PersonNode, type ScopedPerson } from '../context/index.js';
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
  const owner = { person: node, agency, entity };
  if (!Array.isArray(value)) return [{ ...(value as T), [OWNER]: owner } as Owned<T>];
  const records = new Array<Owned<T>>(value.length);
  for (let i = 0; i < value.length; i++) records[i] = { ...(value[i] as T), [OWNER]: owner } as Owned<T>;
  return records;
}
