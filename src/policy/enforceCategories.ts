import { MapperKind, getDirective, mapSchema } from '@graphql-tools/utils';
import { GraphQLError, defaultFieldResolver, getNamedType, isAbstractType, isObjectType, responsePathAsArray, type GraphQLFieldResolver, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import type { EntityName } from '../../adapters/sdk/index.js';
import type { DataCategory } from '../config/index.js';
import { OWNER, type GatewayContext, type Owner, type PersonNode, type ScopedPerson } from '../context/index.js';
import type { Decision } from './Decision.js';

/** Entities named `gateway.*` in `@source` are the gateway's own access metadata (provider null). */
const GATEWAY_PREFIX = 'gateway.';

/**
 * Enforcement in one place: wraps every field that carries `@category` so that no resolver runs
 * before the policy has decided. On `Person`, the wrapped resolver receives a `ScopedPerson` that
 * lists only the agencies whose data of that category is released, so a resolver cannot fetch
 * what will be withheld. Inside a record group, the field is decided for the group's person and
 * agency; a withheld field is `null` with `extensions.code = FORBIDDEN` and the reason.
 */
export function enforceCategories(schema: GraphQLSchema): GraphQLSchema {
  const known = new Map<string, boolean>();
  /** Whether values of `type` have fields of their own to decide (then they must carry the owner). */
  const holdsCategories = (type: GraphQLNamedType): boolean => {
    if (isAbstractType(type)) return true; // decided by what the value turns out to be: carry the owner
    if (!isObjectType(type)) return false;
    let holds = known.get(type.name);
    if (holds !== undefined) return holds;
    // A type met again while its own answer is pending (a cycle) counts as holding categories:
    // carrying the owner where none is needed only costs a copy; not carrying it where one is
    // needed would withhold those fields (NO_PROVENANCE).
    known.set(type.name, true);
    holds = Object.values(type.getFields()).some((f) => getDirective(schema, f, 'category')?.[0] !== undefined || holdsCategories(getNamedType(f.type)));
    known.set(type.name, holds);
    return holds;
  };
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const category = getDirective(schema, fieldConfig, 'category')?.[0]?.is as DataCategory | undefined;
      if (!category) return fieldConfig;
      const field = `${typeName}.${fieldName}`;
      const inner = fieldConfig.resolve ?? defaultFieldResolver;
      const source = (getDirective(schema, fieldConfig, 'source')?.[0]?.entity as string | undefined) ?? 'personByNationalId';
      fieldConfig.resolve = typeName === 'Person' ? personField(category, source, field, inner) : recordField(category, field, inner, holdsCategories(getNamedType(fieldConfig.type)));
      return fieldConfig;
    },
  });
}

function personField(category: DataCategory, source: string, field: string, inner: GraphQLFieldResolver<unknown, GatewayContext>): GraphQLFieldResolver<PersonNode, GatewayContext> {
  if (source.startsWith(GATEWAY_PREFIX)) {
    return (person, args, ctx, info) => {
      const decision = ctx.access.check(person, category, null, field);
      if (!decision.allow) throw forbidden(decision, category);
      return inner({ node: person, agencies: [] } satisfies ScopedPerson, args, ctx, info);
    };
  }
  const entity = source as EntityName;
  return async (person, args, ctx, info) => {
    const candidates = ctx.sources.providersOf(entity);
    const { agencies, denied } = ctx.access.releasable(person, category, candidates, field);
    if (agencies.length === 0 && denied) throw forbidden(denied, category);
    // Some agencies released, some withheld: the data that may be seen, and an error that says what was not.
    if (denied) ctx.notices.push({ message: forbiddenMessage(denied, category), path: responsePathAsArray(info.path), extensions: { code: 'FORBIDDEN', reason: reasonOf(denied), category } });
    const value = await inner({ node: person, agencies } satisfies ScopedPerson, args, ctx, info);
    for (const agency of contributors(value, person, agencies)) ctx.access.released(person, category, agency, field);
    return value;
  };
}

/** The agencies whose data is in a Person field's value: record owners, or the linked agencies for identity fields. */
function contributors(value: unknown, person: PersonNode, agencies: readonly string[]): Iterable<string> {
  if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object' && value[0] !== null && OWNER in value[0]) {
    // Records come grouped by agency: a plain scan, no intermediate arrays.
    const found: string[] = [];
    for (const v of value as Array<{ [OWNER]: Owner }>) {
      const agency = v[OWNER].agency;
      if (agency !== null && !found.includes(agency)) found.push(agency);
    }
    return found;
  }
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return [];
  return agencies.filter((a) => person.links.has(a));
}

/**
 * `nested`: the field's values have category fields of their own, so they carry the owner on.
 * Values without any (a condition, a compliance rating) are released whole by this decision.
 */
function recordField(category: DataCategory, field: string, inner: GraphQLFieldResolver<unknown, GatewayContext>, nested: boolean): GraphQLFieldResolver<Record<PropertyKey, unknown>, GatewayContext> {
  return (parent, args, ctx, info) => {
    const owner = parent[OWNER] as Owner | undefined;
    // A category field outside a record group would be data without provenance: never release it.
    if (!owner) throw new GraphQLError('Withheld.', { extensions: { code: 'FORBIDDEN', reason: 'NO_PROVENANCE', category } });
    const checked = (owner.checked ??= new Map());
    let decision = checked.get(field);
    if (decision === undefined) checked.set(field, (decision = ctx.access.check(owner.person, category, owner.agency, field)));
    if (!decision.allow) throw forbidden(decision, category);
    const value = inner(parent, args, ctx, info);
    return nested ? carryOwner(value, owner) : value;
  };
}

/** Objects nested in a record group (a sentence inside custody) keep the group's owner. */
function carryOwner(value: unknown, owner: Owner): unknown {
  if (Array.isArray(value)) return value.map((v) => carryOwner(v, owner));
  if (value !== null && typeof value === 'object' && !(value instanceof Promise) && !(OWNER in value)) {
    return { ...(value as object), [OWNER]: owner };
  }
  return value;
}

function forbidden(decision: Decision, category: DataCategory): GraphQLError {
  return new GraphQLError(forbiddenMessage(decision, category), { extensions: { code: 'FORBIDDEN', reason: reasonOf(decision), category } });
}

/** The message of `forbidden`, for a notice (no error object, and so no stack trace, is built). */
function forbiddenMessage(decision: Decision, category: DataCategory): string {
  return `Withheld: ${category} not released (${reasonOf(decision)}).`;
}

function reasonOf(decision: Decision): string {
  return decision.allow ? 'UNKNOWN' : decision.reason;
}
