import { Kind, parse, type DocumentNode, type ListTypeNode, type TypeNode } from 'graphql';
import type { Node } from 'yaml';
import type { MappingReader, Where } from './MappingReader.js';

const listOf = (type: TypeNode): ListTypeNode | null =>
  type.kind === Kind.NON_NULL_TYPE ? listOf(type.type) : type.kind === Kind.LIST_TYPE ? type : null;

/**
 * Reads a graphql entity's `query:` and checks it now rather than at the first request: valid
 * GraphQL, exactly one operation, a query (never a mutation or subscription), declaring
 * `$<variable>` as a list, and no other variable the adapter would have to invent.
 * Errors name the line of the mapping file (and of the query, for syntax errors).
 */
export function readGraphqlOperation(reader: MappingReader, node: Node | null, where: Where, variable: string): string {
  const text = reader.string(node, where, 'query');
  let doc: DocumentNode;
  try {
    doc = parse(text, { noLocation: false });
  } catch (error) {
    const e = error as { message: string; locations?: ReadonlyArray<{ line: number }> };
    const at = e.locations?.[0] ? ` (line ${e.locations[0].line} of the query)` : '';
    return reader.fail(node, where, `query is not valid GraphQL: ${e.message.replace(/^Syntax Error: /, '')}${at}`);
  }
  const operations = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || doc.definitions.some((d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION)) {
    reader.fail(node, where, 'query must hold exactly one operation (fragments allowed)');
  }
  const op = operations[0]!;
  if (op.operation !== 'query') reader.fail(node, where, `query must be a query operation, not a ${op.operation}`);
  const vars = op.variableDefinitions ?? [];
  const keys = vars.find((v) => v.variable.name.value === variable);
  if (!keys) reader.fail(node, where, `query must declare the keys variable $${variable}`);
  if (!listOf(keys.type)) reader.fail(node, where, `$${variable} must be a list type, e.g. [String!]!`);
  const other = vars.find((v) => v !== keys && v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue);
  if (other) reader.fail(node, where, `query has a required variable $${other.variable.name.value} the adapter cannot fill`);
  return text;
}
