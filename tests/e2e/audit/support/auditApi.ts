import type { WorldPerson } from '../../../../src/demo/index.js';
import { gql, tokenFor, type GraphQLResult } from '../../../support/embedded.js';

export const EVENT_FIELDS = `leafIndex leafHash at requestId subject purpose breakGlass outcome agencies onCaseTeam
  caller { sub agency roles client } released { category agency fields } withheld { category reason }
  auditLogReads { field args } caseTeamChanges { action agency sub role }`;

export const idOf = (p: WorldPerson) => ({ scheme: p.nationalId.scheme, value: p.nationalId.value });

/** A privacy officer of `agency` asking the audit API (purpose AUDIT unless given). */
export async function asPrivacyOfficer(
  gw: { url: string; home: string },
  agency: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { purpose?: string; role?: string; requestId?: string } = {},
): Promise<GraphQLResult> {
  const token = await tokenFor(gw.home, agency, options.role ?? 'privacy_officer', `privacy-officer@${agency}`);
  return gql(gw.url, query, { token, purpose: options.purpose ?? 'AUDIT', variables, headers: options.requestId ? { 'x-request-id': options.requestId } : {} });
}
