export * from './csvAdapter.js';
export * from './csvConfig.js';
export * from './CsvFileCache.js';
