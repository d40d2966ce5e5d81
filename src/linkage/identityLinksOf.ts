import type { GatewayContext } from '../context/index.js';
import { IdentityLinkStore } from './IdentityLinkStore.js';

/** The request's identity-link reader, created on first use (requests that link nothing never pay for it). */
export function identityLinksOf(ctx: Pick<GatewayContext, 'identityLinks' | 'store'>): IdentityLinkStore {
  ctx.identityLinks ??= new IdentityLinkStore(ctx.store);
  return ctx.identityLinks;
}
