export * from './Decision.js';
export * from './compilePolicy.js';
export * from './decide.js';
export * from './RequestAccess.js';
export * from './enforceCategories.js';
export * from './RequestFacts.js';
export * from './authorizeAction.js';
export * from './renderRegister.js';
