import type { EntityName } from '../../adapters/sdk/index.js';
import { OWNER, type GatewayContext, type Owned, type ScopedPerson } from '../context/index.js';
import { sourceError } from '../sources/index.js';

/**
 * The record groups of one entity for one person, from the agencies this field's decision
 * released (and only those). An agency that fails makes the field fail with its coded,
 * agency-named error; an agency that does not know the person contributes nothing.
 */
export async function loadRecords<T extends object>(ctx: GatewayContext, scoped: ScopedPerson, entity: EntityName): Promise<Array<Owned<T>>> {
  const { node } = scoped;
  const groups = await Promise.all(
    scoped.agencies.map(async (agency) => {
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
      const records = (Array.isArray(value) ? value : [value]) as T[];
      return records.map((r) => ({ ...r, [OWNER]: owner }) as Owned<T>);
    }),
  );
  return groups.flat();
}
