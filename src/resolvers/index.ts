import { DateScalar, DateTimeScalar } from './scalars.js';
import { personResolvers } from './personResolvers.js';
import { queryResolvers } from './queryResolvers.js';
import { recordResolvers } from './recordResolvers.js';
import { mutationResolvers } from './mutationResolvers.js';

/** All resolvers of the common schema. Thin by rule: policy, audit and limits live elsewhere. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...queryResolvers,
  ...personResolvers,
  ...recordResolvers,
  ...mutationResolvers,
};
