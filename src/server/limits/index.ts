export * from './operationLimitRules.js';
export * from './RateLimiter.js';
export * from './persistedOperationsPlugin.js';
