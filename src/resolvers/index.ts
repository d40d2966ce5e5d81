import { DateScalar, DateTimeScalar } from './scalars.js';
import { personResolvers } from './personResolvers.js';
import { queryResolvers } from './queryResolvers.js';
import { recordResolvers } from './recordResolvers.js';
import { mutationResolvers } from './mutationResolvers.js';
import { auditResolvers } from './auditResolvers.js';
import { statisticsResolvers } from './statisticsResolvers.js';
import { linkageResolvers } from './linkageResolvers.js';

/** All resolvers of the common schema. Thin by rule: policy, audit and limits live elsewhere. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...queryResolvers,
  ...personResolvers,
  ...recordResolvers,
  ...mutationResolvers,
  ...auditResolvers,
  // The audit API adds root fields: merged, not spread over the others'.
  ...statisticsResolvers,
  Query: { ...queryResolvers.Query, ...auditResolvers.Query, ...statisticsResolvers.Query, ...mutationResolvers.Query },
  Mutation: { ...mutationResolvers.Mutation, ...auditResolvers.Mutation, ...linkageResolvers.Mutation },
  // Identity linkage adds Person fields (schema/linkage.graphql).
  Person: { ...personResolvers.Person, ...linkageResolvers.Person },
};
