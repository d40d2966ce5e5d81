import type { Logger } from 'pino';
import type { PersonRecord } from '../../adapters/sdk/index.js';
import type { Principal, RequestIntent } from '../auth/index.js';
import type { AuditCollector } from '../audit/index.js';
import type { AgencyConfig } from '../config/index.js';
import type { Pseudonymizer } from '../linkage/index.js';
import type { RequestAccess } from '../policy/RequestAccess.js';
import type { RequestSources } from '../sources/index.js';
import type { CaseTeamStore } from '../coordination/index.js';

/** Everything one GraphQL request carries. Built per request by the server; never shared. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  intent: RequestIntent;
  sources: RequestSources;
  access: RequestAccess;
  audit: AuditCollector;
  caseTeams: CaseTeamStore;
  facts: import('../policy/RequestFacts.js').RequestFacts;
  consents: import('../consent/index.js').ConsentStore;
  store: import('../store/index.js').Store;
  /** Roles allowed to record consents and coordinate case teams, from the config. */
  config: import('../config/index.js').GatewayConfig;
  pseudonymize: Pseudonymizer;
  agencies: readonly AgencyConfig[];
  logger: Logger;
  /**
   * Errors about part of a field that still has data (one agency of several withheld or down).
   * Added to the response's `errors` with the field's path; see server/noticesPlugin.ts.
   */
  notices: import('graphql').GraphQLFormattedError[];
  /** The trusted operation's id (SHA-256 of its document) when the client's manifest has it. */
  operationId?: string;
  /** Identity links decided by coordinators; created on first use (see linkage/identityLinksOf.ts). */
  identityLinks?: import('../linkage/IdentityLinkStore.js').IdentityLinkStore;
  /**
   * Warnings about the request that do not fail it (a national identifier accepted outside the
   * standard). Sent in the response's `extensions.warnings`; see server/noticesPlugin.ts.
   */
  warnings?: Array<{ code: string; message: string }>;
}

/** A person in a response: linked across agencies by national identifier, named by pseudonyms only. */
export interface PersonNode {
  /** Public id: `person`-domain pseudonym. */
  id: string;
  /** `audit`-domain pseudonym, for the audit log. */
  subject: string;
  /** Agency → that agency's person record (its own reference, names, national id). */
  links: ReadonlyMap<string, PersonRecord>;
  /** Agencies that failed while linking: their fields answer SOURCE_UNAVAILABLE, never "nothing". */
  linkErrors: ReadonlyMap<string, unknown>;
  /** What the policy decides on for this person and caller; unset until fetched (then every fact counts as unavailable). */
  facts?: import('../policy/Decision.js').PersonFacts;
}

/** A Person seen through one field's decision: only the agencies released for that field's category. */
export interface ScopedPerson {
  node: PersonNode;
  agencies: readonly string[];
}

/** Marks a record group (and the objects inside it) with the person and agency it belongs to. */
export const OWNER: unique symbol = Symbol('reintegra.owner');

export interface Owner {
  person: PersonNode;
  /** The providing agency; null for the gateway's own access metadata. */
  agency: string | null;
  entity: import('../../adapters/sdk/index.js').EntityName | null;
  /**
   * The decisions already taken (and audited) for this group's fields, by field: a group of many
   * records asks the policy and the audit collector once per field, not once per record.
   */
  checked?: Map<string, import('../policy/Decision.js').Decision>;
}

export type Owned<T> = T & { [OWNER]: Owner };
