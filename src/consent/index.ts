export * from './ConsentStore.js';
export * from './seedConsents.js';
