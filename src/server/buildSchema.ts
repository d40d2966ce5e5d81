import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { enforceCategories } from '../policy/index.js';
import { resolvers } from '../resolvers/index.js';
import { loadTypeDefs } from './loadTypeDefs.js';

/** The executable common schema with enforcement applied over every `@category` field. */
export function buildSchema(): GraphQLSchema {
  return enforceCategories(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
}
