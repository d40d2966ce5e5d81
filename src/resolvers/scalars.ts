import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, `YYYY-MM-DD`, that exists (no 30 February), in the years 0001–9999 as for `DateTime`. */
function toDate(value: unknown): string {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (typeof text !== 'string' || !DATE.test(text) || !isCalendarDay(text)) throw new GraphQLError('Date must be YYYY-MM-DD, a day that exists in the years 0001 to 9999', { extensions: { code: 'BAD_USER_INPUT' } });
  return text;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Arithmetic only: every Date an answer holds passes here on its way out. */
function isCalendarDay(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

/**
 * An instant, as ISO 8601 in UTC. Years outside 0001–9999 are refused: JavaScript dates reach
 * ±275760, and PostgreSQL's timestamps (where filters end) take neither those nor year 0.
 */
function toDateTime(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  const year = date?.getUTCFullYear() ?? Number.NaN;
  if (!(year >= 1 && year <= 9999)) throw new GraphQLError('DateTime must be ISO 8601, in the years 0001 to 9999', { extensions: { code: 'BAD_USER_INPUT' } });
  return date!.toISOString();
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: toDate,
  parseValue: toDate,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? toDate(ast.value) : toDate(null)),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: toDateTime,
  parseValue: toDateTime,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? toDateTime(ast.value) : toDateTime(null)),
});
