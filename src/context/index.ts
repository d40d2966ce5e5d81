export * from './GatewayContext.js';
