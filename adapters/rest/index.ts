export * from './restAdapter.js';
export * from './restConfig.js';
export * from './readJsonBody.js';
