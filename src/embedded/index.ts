export * from './demoAgencies.js';
export * from './startEmbeddedGateway.js';
