import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context/index.js';
import { openExtract, projectsFor, StatisticsView, toStatisticsProject, type ExtractDataset, type MonthlyMeasure } from '../statistics/index.js';

type Info = GraphQLResolveInfo;
const at = (info: Info) => responsePathAsArray(info.path);

/** schema/statistics.graphql. Thin: access, counting, suppression and audit live in src/statistics. */
export const statisticsResolvers = {
  Query: {
    statistics: (_: unknown, __: unknown, ctx: GatewayContext) => StatisticsView.open(ctx),
    statisticsProjects: (_: unknown, __: unknown, ctx: GatewayContext) =>
      projectsFor(ctx.config, ctx.principal, new Date().toISOString().slice(0, 10)).map(toStatisticsProject),
    statisticsExtract: (_: unknown, a: { project: string; dataset: ExtractDataset }, ctx: GatewayContext, info: Info) => openExtract(ctx, a.project, a.dataset, at(info)),
  },
  Statistics: {
    minCellSize: (v: StatisticsView) => v.minCellSize,
    asOf: (v: StatisticsView) => v.asOf,
    custodyByEstablishment: (v: StatisticsView, _: unknown, __: GatewayContext, info: Info) => v.custodyByEstablishment(at(info)),
    releasesExpected: (v: StatisticsView, _: unknown, __: GatewayContext, info: Info) => v.releasesExpected(at(info)),
    programmeParticipation: (v: StatisticsView, _: unknown, __: GatewayContext, info: Info) => v.programmeParticipation(at(info)),
    supervisionCompliance: (v: StatisticsView, _: unknown, __: GatewayContext, info: Info) => v.supervisionCompliance(at(info)),
    welfareNeeds: (v: StatisticsView, _: unknown, __: GatewayContext, info: Info) => v.welfareNeeds(at(info)),
    monthlySeries: (v: StatisticsView, a: { measure: MonthlyMeasure }, __: GatewayContext, info: Info) => v.monthlySeries(at(info), a.measure),
  },
};
