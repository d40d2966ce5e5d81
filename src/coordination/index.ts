export * from './CaseTeamStore.js';
