import type { IdentifierScheme } from '../../adapters/sdk/index.js';
import type { GatewayContext } from '../context/index.js';
import { PERSON_DOMAIN } from './pseudonymDomains.js';
import { rekeySubjects } from './rekeySubjects.js';

/**
 * After a key rotation (`pseudonyms.previousKeys`), moves what the store holds about these
 * people under earlier pseudonyms to the current ones, before anything reads it (`rekeySubjects`).
 * Free without previous keys. A store that fails is logged, not raised: the facts then read
 * under the current key only, which can only withhold more, never release more.
 */
export async function rekeyOnTouch(ctx: Pick<GatewayContext, 'pseudonymize' | 'store' | 'logger'>, people: ReadonlyArray<{ scheme: IdentifierScheme; value: string }>): Promise<void> {
  const moves: Array<{ to: string; from: string[] }> = [];
  for (const { scheme, value } of people) {
    // Without previous keys `previous` is empty and no HMAC is computed here at all.
    const from = ctx.pseudonymize.previous(PERSON_DOMAIN, scheme, value);
    if (from.length > 0) moves.push({ to: ctx.pseudonymize(PERSON_DOMAIN, scheme, value), from });
  }
  if (moves.length === 0) return;
  try {
    const moved = await rekeySubjects(ctx.store, moves);
    if (moved > 0) ctx.logger.info({ moved }, 're-keyed access metadata stored under an earlier pseudonym key');
  } catch (error) {
    ctx.logger.warn({ err: error }, 're-keying access metadata after a key rotation failed');
  }
}
