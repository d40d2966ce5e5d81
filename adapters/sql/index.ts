export * from './sqlAdapter.js';
export * from './sqlConfig.js';
export * from './SqlDialect.js';
export * from './SqlDriver.js';
export * from './buildSelect.js';
export * from './pgDriver.js';
export * from './pgliteDriver.js';
export * from './pgCancel.js';
