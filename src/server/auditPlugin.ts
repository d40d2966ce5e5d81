import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import type { AuditStore } from '../audit/index.js';
import type { GatewayContext } from '../context/index.js';
import type { GatewayMetrics } from './createMetrics.js';

/**
 * Audit is part of the answer: the events of a request are committed before its response leaves.
 * If they cannot be written, the response is replaced by `AUDIT_UNAVAILABLE` (HTTP 503) and no
 * data is released.
 */
export function auditPlugin(store: AuditStore, metrics: GatewayMetrics, logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const ctx = rc.contextValue;
          const body = rc.response.body;
          if (body.kind !== 'single') {
            // An answer delivered in parts (@defer, @stream: graphql-js 17) would leave before it
            // could be recorded whole. graphql 16 never produces one; should it ever, nothing leaves.
            logger.error({ requestId: ctx.requestId }, 'incremental response refused: it cannot be recorded before it leaves');
            withhold(rc);
            return;
          }
          const failed = !body.singleResult.data && (body.singleResult.errors?.length ?? 0) > 0;
          await settleCaseTeams(ctx);
          const events = ctx.audit.toEvents(
            {
              at: new Date().toISOString(),
              requestId: ctx.requestId,
              // Keys in canonical order, so the events are encoded in one pass (canonicalJson.ts).
              caller: { agency: ctx.principal.agency, client: ctx.principal.client, roles: ctx.principal.roles, sub: ctx.principal.sub },
              purpose: ctx.intent.purpose,
              breakGlass: ctx.intent.breakGlass,
              operation: { documentHash: rc.queryHash ?? null, name: rc.operationName ?? null, ...(ctx.operationId ? { persistedId: ctx.operationId } : {}) },
            },
            failed,
          );
          // The answer is complete and its events built: what the request read is let go before
          // the commit is awaited, so the collections that run meanwhile do not copy it (a busy
          // gateway's CPU per request fell by 13–26% in bench:compare, BENCHMARKS.md).
          ctx.sources.release();
          ctx.access.release();
          try {
            await store.append(events);
            metrics.auditEvents.inc(events.length);
          } catch (error) {
            logger.error({ err: error, requestId: ctx.requestId }, 'audit write failed: response withheld');
            withhold(rc);
          }
        },
      };
    },
  };
}

/** Replaces the answer with `AUDIT_UNAVAILABLE` (HTTP 503): no data leaves. */
function withhold(rc: { response: GraphQLResponse }): void {
  rc.response.body = {
    kind: 'single',
    singleResult: { errors: [{ message: 'The access could not be recorded, so nothing was released.', extensions: { code: 'AUDIT_UNAVAILABLE' } }] },
  };
  rc.response.http.status = 503;
}

/**
 * Records whether the caller is on the case team of each person whose data was released, so
 * privacy officers can find access outside it. The per-request case-team loader has usually
 * fetched these already (the policy's facts); a look-up that fails leaves the event silent on it.
 */
async function settleCaseTeams(ctx: GatewayContext): Promise<void> {
  const people = ctx.audit.unsettledCaseTeams();
  if (people.length === 0) return;
  const { agency, sub } = ctx.principal;
  await Promise.all(
    people.map(async (person) => {
      try {
        const row = await ctx.caseTeams.load(person);
        ctx.audit.caseTeam(person, row.team.some((m) => m.agency === agency && m.sub === sub));
      } catch {
        // Unknown stays unknown: the event must still be written.
      }
    }),
  );
}
