import type { ApolloServerPlugin } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, Kind, type ASTNode, type FragmentDefinitionNode, type SelectionNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { GatewayConfig } from '../../config/index.js';

type Limits = GatewayConfig['server']['limits'];

/**
 * Depth, alias, directive and cost limits as validation rules (GraphQL Armor's for depth, aliases
 * and cost; the directive count is the gateway's own, below), configured per deployment: an
 * operation over a limit is refused before it runs, with a message that states the limit. The
 * token limit is enforced by the parser itself (`parseOptions.maxTokens`). Three more rules refuse
 * what the gateway cannot run safely: subscriptions, mutations changing more than one thing, and
 * strings holding NUL characters, which no agency system and no PostgreSQL text column accepts.
 */
export function operationLimitRules(limits: Limits): ValidationRule[] {
  // Reported as validation errors (HTTP 400), not thrown: a thrown error would end as a 500.
  const report = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)] };
  return [
    maxDepthRule({ n: limits.maxDepth, exposeLimits: true, flattenFragments: true, ignoreIntrospection: true, ...report }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...report }),
    maxDirectivesRule(limits.maxDirectives),
    costLimitRule({ maxCost: limits.maxCost, exposeLimits: true, flattenFragments: true, ignoreIntrospection: true, ...report }),
    noSubscriptionsRule,
    oneMutationFieldRule,
    noNulInStringsRule,
  ] as unknown as ValidationRule[];
}

/**
 * At most `max` directives per operation, counted as the operation runs: a fragment's directives
 * count at every spread of it, and so do the spread's own. (GraphQL Armor's rule, 2.3.1, drops a
 * spread's own directives when its fragment was spread before, so `...A @include(if: true)`
 * repeated any number of times passed.)
 */
export function maxDirectivesRule(max: number): ValidationRule {
  return (context) => {
    const inFragment = new Map<string, number>();
    const count = (node: ASTNode, visiting: Set<string>): number => {
      let n = 'directives' in node && node.directives ? node.directives.length : 0;
      if (node.kind === Kind.FRAGMENT_SPREAD) {
        const name = node.name.value;
        // A fragment within itself is refused by its own rule; counted once here.
        if (visiting.has(name)) return n;
        let fragment = inFragment.get(name);
        if (fragment === undefined) {
          const definition: FragmentDefinitionNode | null | undefined = context.getFragment(name);
          visiting.add(name);
          fragment = definition ? count(definition, visiting) : 0;
          visiting.delete(name);
          inFragment.set(name, fragment);
        }
        return n + fragment;
      }
      if ('selectionSet' in node && node.selectionSet) for (const child of node.selectionSet.selections) n += count(child, visiting);
      return n;
    };
    return {
      OperationDefinition(operation) {
        const found = count(operation, new Set());
        if (found > max) context.reportError(new GraphQLError(`Syntax Error: Directives limit of ${max} exceeded, found ${found}.`, { nodes: [operation] }));
      },
    };
  };
}

/** Subscriptions are not part of the schema; refused as invalid rather than failing as they run. */
export const noSubscriptionsRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation === 'subscription') context.reportError(new GraphQLError('Subscriptions are not supported.', { nodes: [operation] }));
  },
});

/**
 * A mutation operation has one root field (`__typename` aside), fragments and aliases included.
 * Changes are not one transaction: with two, the first could take effect while the second failed
 * and, the root fields being non-null, the answer said `data: null`, so the caller never learnt
 * the id of what was made (a consent nobody could withdraw) and the event's outcome said ERROR.
 */
export const oneMutationFieldRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation !== 'mutation') return;
    let fields = 0;
    const seen = new Set<string>();
    const walk = (selections: readonly SelectionNode[]): void => {
      for (const s of selections) {
        if (s.kind === Kind.FIELD) fields += s.name.value === '__typename' ? 0 : 1;
        else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet.selections);
        else if (!seen.has(s.name.value)) {
          seen.add(s.name.value);
          const fragment = context.getFragment(s.name.value);
          if (fragment) walk(fragment.selectionSet.selections);
        }
      }
    };
    walk(operation.selectionSet.selections);
    if (fields > 1) context.reportError(new GraphQLError(`A mutation changes one thing at a time: this one has ${fields} root fields. Send each change as its own request.`, { nodes: [operation] }));
  },
});

/** A string literal holding a NUL character (`"\u0000"`) is refused; variables are checked by `nulVariablesPlugin`. */
export const noNulInStringsRule: ValidationRule = (context) => ({
  StringValue(node) {
    if (node.value.includes('\u0000')) context.reportError(new GraphQLError('Strings must not contain NUL characters.', { nodes: [node] }));
  },
});

/**
 * The first place in `value` (variables, as parsed from JSON) where a string or an object key
 * holds a NUL character, as a path (`$ids[3].value`); null when there is none.
 */
export function nulCharacterIn(value: unknown, path = '$'): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulCharacterIn(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return path;
      const found = nulCharacterIn(item, path === '$' ? `$${key}` : `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Refuses variables holding a NUL character anywhere (`BAD_USER_INPUT`, 400) once the operation
 * is resolved, before anything runs; string literals in the document are refused by
 * `noNulInStringsRule`.
 */
export function nulVariablesPlugin(): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const at = nulCharacterIn(request.variables ?? {});
          if (at !== null) throw new GraphQLError(`Variable ${at} must not contain NUL characters.`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        },
      };
    },
  };
}
