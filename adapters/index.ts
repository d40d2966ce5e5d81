export * from './sdk/index.js';
export * from './createAdapter.js';
export * from './sql/index.js';
export * from './rest/index.js';
export * from './graphql/index.js';
export * from './csv/index.js';
