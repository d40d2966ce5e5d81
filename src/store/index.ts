export * from './Store.js';
export * from './openStore.js';
export * from './migrate.js';
export * from './isoDates.js';
export * from './lockDataDir.js';
