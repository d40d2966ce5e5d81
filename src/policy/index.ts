export * from './Decision.js';
export * from './decide.js';
export * from './RequestAccess.js';
export * from './enforceCategories.js';
