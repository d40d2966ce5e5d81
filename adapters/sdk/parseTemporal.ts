/**
 * Date and instant parsing for the `date` / `datetime` field types. Legacy systems hand us
 * ISO strings, PostgreSQL text (`2024-03-01 10:00:00+01`), local `DD.MM.YYYY[.]` notation
 * and JS `Date`s; everything else is rejected rather than guessed.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const LOCAL = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

interface Parts {
  y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number;
  /** Offset east of UTC in minutes; 0 when the source states no zone (read as UTC). */
  offset: number;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** What `Date.prototype.toISOString` writes for years 0000–9999, with or without the milliseconds. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

function validDay(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1]!);
}

function parts(text: string): Parts | null {
  let m = ISO.exec(text);
  if (m) {
    const zone = m[8];
    let offset = 0;
    if (zone && zone.toUpperCase() !== 'Z') {
      const digits = zone.slice(1).replace(':', '');
      offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * (zone[0] === '-' ? -1 : 1);
    }
    const frac = m[7] ?? '';
    return {
      y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]),
      h: Number(m[4] ?? 0), mi: Number(m[5] ?? 0), s: Number(m[6] ?? 0),
      ms: frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0, offset,
    };
  }
  m = LOCAL.exec(text);
  if (m) {
    return {
      y: Number(m[3]), mo: Number(m[2]), d: Number(m[1]),
      h: Number(m[4] ?? 0), mi: Number(m[5] ?? 0), s: Number(m[6] ?? 0), ms: 0, offset: 0,
    };
  }
  return null;
}

function valid(p: Parts): boolean {
  return validDay(p.y, p.mo, p.d) && p.h < 24 && p.mi < 60 && p.s < 60;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `YYYY-MM-DD` as the source wrote it (the agency's calendar date, no zone shifting), or null. */
export function toIsoDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  // Fast path for the common case (PostgreSQL date text, ISO exports): no parts object.
  if (PLAIN_DATE.test(value)) {
    const y = Number(value.slice(0, 4));
    return validDay(y, Number(value.slice(5, 7)), Number(value.slice(8, 10))) ? value : null;
  }
  const p = parts(value);
  return p && valid(p) ? `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}` : null;
}

/** ISO-8601 instant in UTC (`…Z`), or null. Values without a zone are read as UTC; numbers are epoch ms. */
export function toIsoInstant(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'number') {
    const d = new Date(value);
    return Number.isFinite(value) && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
  }
  if (typeof value !== 'string') return null;
  // Fast path for the common case (JSON APIs, our own output): UTC already, so when it is a real
  // time it is what the full parse would rebuild, milliseconds added when absent.
  if (UTC_INSTANT.test(value)) {
    const ok = validDay(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)))
      && Number(value.slice(11, 13)) < 24 && Number(value.slice(14, 16)) < 60 && Number(value.slice(17, 19)) < 60;
    return !ok ? null : value.length === 24 ? value : `${value.slice(0, 19)}.000Z`;
  }
  const p = parts(value);
  if (!p || !valid(p)) return null;
  const ms = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms) - p.offset * 60_000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
