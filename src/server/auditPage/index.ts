export * from './serveAuditPage.js';
