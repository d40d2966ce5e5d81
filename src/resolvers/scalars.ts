import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, `YYYY-MM-DD`, that exists (no 30 February), in the years 0001–9999 as for `DateTime`. */
function toDate(value: unknown): string {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (typeof text !== 'string' || !DATE.test(text) || !isCalendarDay(text)) throw new GraphQLError('Date must be YYYY-MM-DD, a day that exists in the years 0001 to 9999', { extensions: { code: 'BAD_USER_INPUT' } });
  return text;
}

function isCalendarDay(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
