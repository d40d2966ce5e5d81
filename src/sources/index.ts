export * from './SourceRegistry.js';
export * from './RequestSources.js';
export * from './sourceError.js';
