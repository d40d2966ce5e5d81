export * from './graphqlAdapter.js';
export * from './graphqlConfig.js';
