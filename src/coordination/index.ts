export * from './CaseTeamStore.js';
export * from './changeCaseTeam.js';
export * from './seedCaseTeams.js';
