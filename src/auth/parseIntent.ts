import { PURPOSES, type Purpose } from '../config/index.js';
import { PurposeInvalid } from '../errors/index.js';
import type { RequestIntent } from './Principal.js';

const PURPOSE_SET: ReadonlySet<string> = new Set(PURPOSES);
const MIN_JUSTIFICATION = 20;
const MAX_JUSTIFICATION = 1000;
/** Words a justification needs at least: runs of two or more letters. */
const MIN_WORDS = 3;
const WORD = /\p{L}{2,}/gu;

/**
 * Reads `X-Purpose-Of-Use` and `X-Break-Glass`. A purpose that is not one of the purposes of use,
 * or a break-glass header without purpose EMERGENCY (or too short to be a sentence: fewer than 20
 * characters or three words), is refused before anything runs. No purpose is allowed here: fields
 * with personal data then refuse.
 */
export function parseIntent(purposeHeader: string | undefined, breakGlassHeader: string | undefined): RequestIntent {
  const raw = purposeHeader?.trim();
  let purpose: Purpose | null = null;
  if (raw) {
    if (!PURPOSE_SET.has(raw)) throw new PurposeInvalid(`X-Purpose-Of-Use must be one of ${PURPOSES.join(', ')}`);
    purpose = raw as Purpose;
  }
  const justification = breakGlassHeader?.trim() || null;
  if (justification !== null) {
    if (purpose !== 'EMERGENCY') throw new PurposeInvalid('X-Break-Glass requires X-Purpose-Of-Use: EMERGENCY');
    if (justification.length < MIN_JUSTIFICATION || justification.length > MAX_JUSTIFICATION) {
      throw new PurposeInvalid(`X-Break-Glass justification must be ${MIN_JUSTIFICATION}–${MAX_JUSTIFICATION} characters`);
    }
    if ((justification.match(WORD)?.length ?? 0) < MIN_WORDS) throw new PurposeInvalid(`X-Break-Glass justification must say why in words (at least ${MIN_WORDS})`);
  }
  return { purpose, breakGlass: justification };
}
