import type { Purpose } from '../config/index.js';

/** The verified caller of one request. */
export interface Principal {
  /** Subject: the user or service account, as the agency's identity provider names it. */
  sub: string;
  /** The agency whose issuer signed the token. */
  agency: string;
  /** Roles from the token that the agency's config knows; unknown roles are dropped. */
  roles: string[];
  /** Client (service account / application) id when the token carries `azp` or `client_id`. */
  client: string | null;
}

/** What the caller declared about this request. */
export interface RequestIntent {
  purpose: Purpose | null;
  /** The break-glass justification, only with purpose EMERGENCY. */
  breakGlass: string | null;
}
