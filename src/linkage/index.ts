export * from './nationalId.js';
export * from './createPseudonymizer.js';
