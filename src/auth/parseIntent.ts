import { PURPOSES, type Purpose } from '../config/index.js';
import { CONTROL_CHARACTERS } from '../../adapters/sdk/index.js';
import { PurposeInvalid } from '../errors/index.js';
import type { RequestIntent } from './Principal.js';

const PURPOSE_SET: ReadonlySet<string> = new Set(PURPOSES);
const MIN_JUSTIFICATION = 20;
const MAX_JUSTIFICATION = 1000;
/** Words a justification needs at least: runs of two or more letters. */
const MIN_WORDS = 3;
const WORD = /\p{L}{2,}/gu;

/**
 * The text of `X-Break-Glass`, a justification in any language (RFC 8187): `UTF-8''` followed by
 * the percent-encoded UTF-8 (what the gateway's pages send), or the raw bytes when they are valid
 * UTF-8 (curl and most HTTP libraries). Node reads header bytes as Latin-1, which stored Cyrillic
 * and "traži" as mojibake in the audit log. Bytes that are not UTF-8, and control or bidirectional
 * characters, are refused.
 */
export function headerText(raw: string): string {
  const encoded = /^utf-8''(.*)$/is.exec(raw);
  let text: string;
  try {
    text = encoded ? decodeURIComponent(encoded[1]!) : new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(raw, 'latin1'));
  } catch {
    throw new PurposeInvalid("X-Break-Glass must be UTF-8: raw, or as UTF-8'' followed by the percent-encoded text");
  }
  if (CONTROL_CHARACTERS.test(text)) throw new PurposeInvalid('X-Break-Glass must not hold control or bidirectional-override characters');
  return text;
}

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
  const justification = breakGlassHeader === undefined ? null : headerText(breakGlassHeader).trim() || null;
  if (justification !== null) {
    if (purpose !== 'EMERGENCY') throw new PurposeInvalid('X-Break-Glass requires X-Purpose-Of-Use: EMERGENCY');
    if (justification.length < MIN_JUSTIFICATION || justification.length > MAX_JUSTIFICATION) {
      throw new PurposeInvalid(`X-Break-Glass justification must be ${MIN_JUSTIFICATION}–${MAX_JUSTIFICATION} characters`);
    }
    if ((justification.match(WORD)?.length ?? 0) < MIN_WORDS) throw new PurposeInvalid(`X-Break-Glass justification must say why in words (at least ${MIN_WORDS})`);
  }
  return { purpose, breakGlass: justification };
}
