export * from './createGateway.js';
export * from './createRequestHandler.js';
export * from './startServer.js';
export * from './readiness.js';
export * from './buildSchema.js';
