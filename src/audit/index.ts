export * from './AuditEvent.js';
export * from './AuditCollector.js';
export * from './AuditStore.js';
