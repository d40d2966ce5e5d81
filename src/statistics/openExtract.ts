import type { EntityName, PersonRecord } from '../../adapters/sdk/index.js';
import { ID_PATTERN, type DataCategory } from '../config/index.js';
import type { GatewayContext } from '../context/index.js';
import { buildExtractRows, type ExtractDataset, type ExtractRow } from './buildExtractRows.js';
import type { Sourced } from './CountTable.js';
import { PopulationReader } from './PopulationReader.js';
import { isProjectInForce, isProjectRecipient, toStatisticsProject } from './projectsFor.js';
import { populationError, statisticsForbidden } from './statisticsErrors.js';

const DATASETS: Record<ExtractDataset, { entity: EntityName; category: DataCategory }> = {
  CUSTODY: { entity: 'custody', category: 'CUSTODY' },
  PROGRAMMES: { entity: 'programmes', category: 'INTERVENTION' },
  SUPERVISION: { entity: 'supervision', category: 'SUPERVISION' },
  WELFARE: { entity: 'welfareCase', category: 'WELFARE' },
};

/**
 * A pseudonymous extract for an approved analysis project (`statistics.projects`): purpose
 * STATISTICS, the caller among the project's recipients, the project in force and the dataset
 * approved; then, per providing agency, the policy must allow the dataset's category for
 * STATISTICS (as for tables). Pseudonyms are HMACs in the domain `statistics:<project>`: stable
 * within the project, not computable from another project's or from `Person.id` (the rows'
 * attributes can still be matched across projects: see README). Audited as one event per
 * extract naming the project, dataset, agencies and number of rows (the rows' subjects are not
 * listed: see README, "Statistics for dashboard builders").
 */
export async function openExtract(ctx: GatewayContext, projectId: string, dataset: ExtractDataset, path: readonly (string | number)[], now = new Date()) {
  const day = now.toISOString().slice(0, 10);
  // A refused extract is recorded too: which project and dataset were asked for, and why not.
  const refuse = (reason: string, message: string) => {
    const project = ID_PATTERN.test(projectId) ? projectId : '(not a project id)';
    ctx.audit.readStatistics({ table: 'extract', project, dataset, agencies: [], categories: [DATASETS[dataset].category], refused: reason });
    return statisticsForbidden(reason, message);
  };
  if (ctx.intent.purpose !== 'STATISTICS') throw refuse('PURPOSE_NOT_ALLOWED', 'Extracts need X-Purpose-Of-Use: STATISTICS.');
  const project = ctx.config.statistics.projects.find((p) => p.id === projectId);
  if (!project) throw refuse('PROJECT_NOT_FOUND', `No approved project ${projectId}.`);
  if (!isProjectRecipient(project, ctx.principal)) throw refuse('NOT_A_PROJECT_RECIPIENT', `This agency and role are not recipients of project ${project.id}.`);
  if (!isProjectInForce(project, day)) throw refuse('PROJECT_NOT_IN_FORCE', `Project ${project.id} is approved from ${project.valid.from} to ${project.valid.until}.`);
  if (!project.datasets.includes(dataset)) throw refuse('DATASET_NOT_APPROVED', `Project ${project.id} is not approved for ${dataset}.`);

  const { entity, category } = DATASETS[dataset];
  const withheld: Array<{ agency: string; reason: string; message: string; extensions: Record<string, unknown> }> = [];
  const allowed: string[] = [];
  for (const agency of ctx.sources.providersOf(entity)) {
    const d = ctx.access.decideAggregate(category, agency);
    if (d.allow) allowed.push(agency);
    else withheld.push({ agency, reason: d.reason, message: `The ${agency} data is not extracted: ${d.reason}.`, extensions: { code: 'FORBIDDEN', reason: d.reason, agency } });
  }
  const population = new PopulationReader(ctx.sources);
  const records: Sourced<{ ref: string }>[] = [];
  const people: Sourced<PersonRecord>[] = [];
  const used: string[] = [];
  await Promise.all(allowed.map(async (agency) => {
    try {
      const [r, p] = await Promise.all([population.read<{ ref: string }>(agency, entity), population.read<PersonRecord>(agency, 'person')]);
      records.push(...r);
      people.push(...p);
      used.push(agency);
    } catch (error) {
      const e = populationError(error, agency);
      withheld.push({ agency, reason: String(e.extensions.code), message: e.message, extensions: { ...e.extensions } });
    }
  }));
  const domain = `statistics:${project.id}`;
  const rows: ExtractRow[] = buildExtractRows({
    dataset, records, people,
    pseudonym: (id) => ctx.pseudonymize(domain, id.scheme, id.value),
    locationFrom: new Set(used.filter((a) => ctx.access.decideAggregate('LOCATION', a).allow)),
    healthFrom: new Set(dataset === 'WELFARE' ? used.filter((a) => ctx.access.decideAggregate('HEALTH', a).allow) : []),
  });
  ctx.audit.readStatistics({
    table: 'extract', project: project.id, dataset, agencies: [...used].sort(), categories: [category],
    ...(withheld.length > 0 ? { withheld: withheld.map(({ agency, reason }) => ({ agency, reason })) } : {}),
    rows: rows.length,
  });
  if (used.length === 0 && withheld.length > 0) throw statisticsForbidden(withheld[0]!.reason, withheld[0]!.message);
  for (const w of withheld) ctx.notices.push({ message: w.message, path: [...path], extensions: w.extensions });
  return {
    project: toStatisticsProject(project),
    dataset,
    generatedAt: now.toISOString(),
    sources: [...used].sort(),
    withheldSources: withheld.map((w) => w.agency),
    rows,
  };
}
