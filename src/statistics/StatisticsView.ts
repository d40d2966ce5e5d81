import { GraphQLError } from 'graphql';
import type {
  CustodyRecord, EntityName, PersonRecord, ProgrammeEnrolmentRecord, SupervisionRecord, WelfareCaseRecord,
} from '../../adapters/sdk/index.js';
import type { DataCategory } from '../config/index.js';
import type { GatewayContext } from '../context/index.js';
import { buildCustodyTable } from './buildCustodyTable.js';
import { buildMonthlySeries, type MonthlyMeasure } from './buildMonthlySeries.js';
import { buildProgrammeTable } from './buildProgrammeTable.js';
import { buildReleasesTable } from './buildReleasesTable.js';
import { buildSupervisionTable } from './buildSupervisionTable.js';
import { buildWelfareNeedsTable } from './buildWelfareNeedsTable.js';
import { personKey, type CountTable, type Sourced } from './CountTable.js';
import { mayReadStatistics } from './mayReadStatistics.js';
import { PopulationReader } from './PopulationReader.js';
import { populationError, statisticsForbidden } from './statisticsErrors.js';
import { toStatisticsTable, type StatisticsTableResult } from './toStatisticsTable.js';

type Data = ReadonlyMap<EntityName, Sourced<unknown>[]>;

interface TableSpec {
  /** Cache and audit name. */
  id: string;
  /** The entity whose providers are asked; `also` are read from the same agencies. */
  entity: EntityName;
  also?: EntityName[];
  /** Every category an agency must release for its data to count. */
  categories: DataCategory[];
  build(data: Data, used: readonly string[]): CountTable;
}

/** Suppressed tables, per gateway (keyed by its config object), reused for `statistics.cacheSeconds`. */
const CACHE = new WeakMap<object, Map<string, { until: number; table: StatisticsTableResult }>>();

/**
 * The statistics API of one request (`Query.statistics`): purpose STATISTICS and a recipient role
 * of an agreement for it, checked on opening. Each table asks the policy, per providing agency,
 * whether the caller may use the table's categories for STATISTICS (no person in view: see
 * `RequestAccess.decideAggregate`), scans the allowed agencies' populations through their
 * adapters, counts distinct people, and suppresses small cells before anything leaves. Agencies
 * left out are named in `withheldSources` with an error at the table's path. One audit record per
 * table names the agencies, categories and suppressed cells.
 */
export class StatisticsView {
  readonly minCellSize: number;
  readonly asOf: string;
  private readonly population: PopulationReader;

  private constructor(private readonly ctx: GatewayContext, now: Date) {
    this.minCellSize = ctx.config.statistics.minCellSize;
    // Date-relative counts (release windows, orders in force, the months of a series) refer to the
    // first day of the current month: asked again on another day of the month they do not change
    // with the clock alone, so comparing two days cannot show who is due out on which day.
    this.asOf = `${now.toISOString().slice(0, 7)}-01`;
    this.population = new PopulationReader(ctx.sources);
  }

  /** Throws FORBIDDEN unless the purpose is STATISTICS and the caller's role is a recipient for it. */
  static open(ctx: GatewayContext, now = new Date()): StatisticsView {
    if (ctx.intent.purpose !== 'STATISTICS') throw statisticsForbidden('PURPOSE_NOT_ALLOWED', 'Statistics need X-Purpose-Of-Use: STATISTICS.');
    if (!mayReadStatistics(ctx.config, ctx.principal, now.toISOString().slice(0, 10))) {
      throw statisticsForbidden('NO_AGREEMENT', 'No agreement in force names this agency and role as a recipient of statistics.');
    }
    return new StatisticsView(ctx, now);
  }

  custodyByEstablishment(path: readonly (string | number)[]): Promise<StatisticsTableResult> {
    const k = this.minCellSize;
    return this.table(path, {
      id: 'custodyByEstablishment', entity: 'custody', also: ['person'], categories: ['CUSTODY', 'LOCATION'],
      build: (d) => buildCustodyTable(of<CustodyRecord>(d, 'custody'), of<PersonRecord>(d, 'person'), k),
    });
  }

  releasesExpected(path: readonly (string | number)[]): Promise<StatisticsTableResult> {
    return this.table(path, {
      id: 'releasesExpected', entity: 'custody', categories: ['CUSTODY'],
      build: (d) => buildReleasesTable(of<CustodyRecord>(d, 'custody'), this.asOf, this.minCellSize),
    });
  }

  programmeParticipation(path: readonly (string | number)[]): Promise<StatisticsTableResult> {
    return this.table(path, {
      id: 'programmeParticipation', entity: 'programmes', categories: ['INTERVENTION'],
      build: (d) => buildProgrammeTable(of<ProgrammeEnrolmentRecord>(d, 'programmes'), this.minCellSize),
    });
  }

  supervisionCompliance(path: readonly (string | number)[]): Promise<StatisticsTableResult> {
    return this.table(path, {
      id: 'supervisionCompliance', entity: 'supervision', categories: ['SUPERVISION'],
      build: (d) => buildSupervisionTable(of<SupervisionRecord>(d, 'supervision'), this.asOf),
    });
  }

  welfareNeeds(path: readonly (string | number)[]): Promise<StatisticsTableResult> {
    // HEALTH needs count only where HEALTH may be used for statistics; otherwise the row is left out.
    const healthFrom = new Set(this.ctx.sources.providersOf('welfareCase').filter((a) => this.ctx.access.decideAggregate('HEALTH', a).allow));
    return this.table(path, {
      id: `welfareNeeds${healthFrom.size > 0 ? `:health=${[...healthFrom].sort().join(',')}` : ''}`, entity: 'welfareCase', categories: ['WELFARE'],
      build: (d, used) => buildWelfareNeedsTable(of<WelfareCaseRecord>(d, 'welfareCase'), new Set(used.filter((a) => healthFrom.has(a)))),
    });
  }

  monthlySeries(path: readonly (string | number)[], measure: MonthlyMeasure): Promise<StatisticsTableResult> {
    const id = `monthlySeries:${measure}`;
    if (measure === 'WELFARE_CASES_OPENED') {
      return this.table(path, {
        id, entity: 'welfareCase', categories: ['WELFARE'],
        build: (d) => buildMonthlySeries(measure, of<WelfareCaseRecord>(d, 'welfareCase').flatMap((c) => (c.record.openedOn ? [{ person: personKey(c), date: c.record.openedOn }] : [])), this.asOf),
      });
    }
    return this.table(path, {
      id, entity: 'custody', categories: ['CUSTODY'],
      build: (d) => buildMonthlySeries(measure, of<CustodyRecord>(d, 'custody').flatMap((c) => {
        const date = measure === 'CUSTODY_ADMISSIONS' ? c.record.admissionDate : c.record.status === 'RELEASED' ? c.record.expectedReleaseDate : null;
        return date ? [{ person: personKey(c), date }] : [];
      }), this.asOf),
    });
  }

  private async table(path: readonly (string | number)[], spec: TableSpec): Promise<StatisticsTableResult> {
    const { ctx } = this;
    const withheld: Array<{ agency: string; reason: string; error: GraphQLError }> = [];
    const allowed: string[] = [];
    for (const agency of ctx.sources.providersOf(spec.entity)) {
      const denied = spec.categories.map((c) => ctx.access.decideAggregate(c, agency)).find((d) => !d.allow);
      if (!denied || denied.allow) allowed.push(agency);
      else withheld.push({ agency, reason: denied.reason, error: statisticsForbidden(denied.reason, `The ${agency} data is not counted: ${denied.reason}.`) });
    }
    if (allowed.length === 0 && withheld.length > 0) {
      this.record(spec, [], withheld, null);
      throw withheld[0]!.error;
    }

    const k = this.minCellSize;
    const cacheKey = `${spec.id}\u0000${allowed.join(',')}\u0000${k}\u0000${this.asOf}`;
    const cache = this.cache();
    const hit = cache?.get(cacheKey);
    let result: StatisticsTableResult;
    if (hit && hit.until > Date.now()) {
      result = hit.table;
    } else {
      const data = new Map<EntityName, Sourced<unknown>[]>();
      const used: string[] = [];
      const reads = await Promise.all(allowed.map(async (agency) => {
        try {
          const parts = await Promise.all([spec.entity, ...(spec.also ?? [])].map(async (e) => [e, await this.population.read(agency, e)] as const));
          return { agency, parts };
        } catch (error) {
          return { agency, error };
        }
      }));
      for (const read of reads) {
        if ('error' in read) {
          const error = populationError(read.error, read.agency);
          withheld.push({ agency: read.agency, reason: String(error.extensions.code), error });
          continue;
        }
        used.push(read.agency);
        for (const [entity, records] of read.parts) data.set(entity, [...(data.get(entity) ?? []), ...records]);
      }
      if (used.length === 0 && allowed.length > 0) {
        this.record(spec, [], withheld, null);
        throw withheld.find((w) => allowed.includes(w.agency))!.error;
      }
      result = toStatisticsTable(spec.build(data, used), k, used, []);
      // Only complete answers are reused: a table missing a failed agency is not.
      if (cache && used.length === allowed.length) cache.set(cacheKey, { until: Date.now() + ctx.config.statistics.cacheSeconds * 1000, table: result });
    }
    result = { ...result, withheldSources: withheld.map((w) => w.agency) };
    for (const w of withheld) ctx.notices.push({ message: w.error.message, path: [...path], extensions: { ...w.error.extensions, agency: w.agency } });
    this.record({ ...spec, categories: result.categories as DataCategory[] }, result.sources, withheld, result.suppressedCells);
    return result;
  }

  private cache(): Map<string, { until: number; table: StatisticsTableResult }> | null {
    if (this.ctx.config.statistics.cacheSeconds === 0) return null;
    let cache = CACHE.get(this.ctx.config);
    if (!cache) CACHE.set(this.ctx.config, (cache = new Map()));
    for (const [key, entry] of cache) if (entry.until <= Date.now()) cache.delete(key);
    return cache;
  }

  private record(spec: TableSpec, agencies: string[], withheld: ReadonlyArray<{ agency: string; reason: string }>, suppressedCells: number | null): void {
    this.ctx.audit.readStatistics({
      table: spec.id.split(':health=')[0]!,
      agencies: [...agencies].sort(),
      categories: spec.categories,
      ...(withheld.length > 0 ? { withheld: withheld.map(({ agency, reason }) => ({ agency, reason })) } : {}),
      ...(suppressedCells === null ? {} : { suppressedCells }),
    });
  }
}

function of<T>(data: Data, entity: EntityName): Sourced<T>[] {
  return (data.get(entity) ?? []) as Sourced<T>[];
}
