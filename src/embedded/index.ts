export * from './demoAgencies.js';
export * from './startEmbeddedGateway.js';
export * from './demoPolicy.js';
export * from './demoConfig.js';
export * from './demoExample.js';
