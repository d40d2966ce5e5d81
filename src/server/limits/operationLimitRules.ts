import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { GatewayConfig } from '../../config/index.js';

type Limits = GatewayConfig['server']['limits'];

/**
 * Depth, alias, directive and cost limits as validation rules (GraphQL Armor's, configured per
 * deployment): an operation over a limit is refused before it runs, with a message that states
 * the limit. The token limit is enforced by the parser itself (`parseOptions.maxTokens`).
 */
export function operationLimitRules(limits: Limits): ValidationRule[] {
  // Reported as validation errors (HTTP 400), not thrown: a thrown error would end as a 500.
  const report = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)] };
  return [
    maxDepthRule({ n: limits.maxDepth, exposeLimits: true, flattenFragments: true, ignoreIntrospection: true, ...report }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, exposeLimits: true, ...report }),
    costLimitRule({ maxCost: limits.maxCost, exposeLimits: true, flattenFragments: true, ignoreIntrospection: true, ...report }),
  ] as unknown as ValidationRule[];
}
