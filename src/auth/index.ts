export * from './Principal.js';
export * from './verifyToken.js';
export * from './parseIntent.js';
export * from './demoIssuer.js';
