export * from './ConsentStore.js';
