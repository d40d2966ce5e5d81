export * from './configSchema.js';
export * from './loadConfig.js';
export * from './resolveSecret.js';
