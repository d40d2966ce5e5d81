export * from './CaseTeamStore.js';
export * from './changeCaseTeam.js';
