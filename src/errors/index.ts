export * from './ReintegraError.js';
export * from './codes.js';
