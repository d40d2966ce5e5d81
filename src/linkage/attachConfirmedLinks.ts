import type { PersonRecord } from '../../adapters/sdk/index.js';
import type { GatewayContext } from '../context/index.js';
import type { ConfirmedLink } from '../policy/loadFactRows.js';
import { checkNationalId } from './nationalId.js';
import { PERSON_DOMAIN } from './pseudonymDomains.js';

/**
 * Adds to a person linked by national identifier the records coordinators confirmed at agencies
 * that did not link them by it (`confirmed`, read with the policy's facts): each read by the
 * agency's own reference (`person`), in the request, like any link. Candidates never count. A
 * record that now carries a valid national identifier of someone else is not attached (the
 * agency's own data says it is another person) and is logged. An agency that fails is a link
 * error, as when linking by identifier.
 */
export async function attachConfirmedLinks(
  ctx: GatewayContext,
  personId: string,
  confirmed: readonly ConfirmedLink[],
  links: Map<string, PersonRecord>,
  linkErrors: Map<string, unknown>,
): Promise<void> {
  const byRef = ctx.sources.providersOf('person');
  const toAttach = confirmed.filter((l) => !links.has(l.agency) && !linkErrors.has(l.agency) && byRef.includes(l.agency));
  await Promise.all(
    toAttach.map(async ({ agency, agencyRef }) => {
      try {
        const record = (await ctx.sources.load(agency, 'person', agencyRef)) as PersonRecord | Error | null;
        if (record instanceof Error) linkErrors.set(agency, record);
        else if (record && !belongsToSomeoneElse(ctx, personId, record)) links.set(agency, record);
        else if (record) ctx.logger.warn({ agency }, 'a confirmed identity link now names another national identifier; not attached');
      } catch (error) {
        linkErrors.set(agency, error);
      }
    }),
  );
}

function belongsToSomeoneElse(ctx: GatewayContext, personId: string, record: PersonRecord): boolean {
  if (!record.nationalId) return false;
  const checked = checkNationalId(record.nationalId.scheme, record.nationalId.value);
  return checked.ok && ctx.pseudonymize(PERSON_DOMAIN, checked.scheme, checked.value) !== personId;
}
