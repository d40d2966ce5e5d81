export * from './serveDashboard.js';
