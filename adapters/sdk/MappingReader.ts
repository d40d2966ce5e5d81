import { isMap, isScalar, type LineCounter, type Node } from 'yaml';
import { mappingError } from './mappingError.js';

/** Which entity/field a node belongs to, for error messages. */
export interface Where {
  entity?: string;
  field?: string;
}

/** One `key: value` entry of a YAML mapping with string keys. */
export interface Entry {
  key: string;
  keyNode: Node;
  value: Node | null;
}

/**
 * Typed access to the nodes of a parsed mapping document. Every accessor either returns the
 * value or throws the `MappingInvalid` naming the agency, entity, field and line of the node.
 */
export class MappingReader {
  constructor(
    readonly agency: string,
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  /** 1-based line where `node` starts. */
  line(node: Node | null | undefined): number | undefined {
    return node?.range ? this.lines.linePos(node.range[0]).line : undefined;
  }

  fail(node: Node | null | undefined, where: Where, reason: string): never {
    throw mappingError(this.agency, { file: this.file, line: this.line(node), ...where }, reason);
  }

  /**
   * The entries of a mapping node; keys must be strings, and only `allowed` ones when given.
   * With `codeKeys`, number and boolean keys are accepted as written (`01` stays "01"), as
   * code tables key on the source's text.
   */
  entries(node: Node | null, where: Where, what: string, allowed?: ReadonlySet<string>, codeKeys = false): Entry[] {
    if (!isMap(node)) this.fail(node, where, `${what} must be a mapping`);
    return node.items.map((pair) => {
      const keyNode = pair.key as Node;
      if (!isScalar(keyNode)) this.fail(keyNode, where, `${what} keys must be strings`);
      const raw = keyNode.value;
      const plain = typeof raw === 'number' || typeof raw === 'boolean';
      if (typeof raw !== 'string' && !(codeKeys && plain)) this.fail(keyNode, where, `${what} keys must be strings`);
      const key = typeof raw === 'string' ? raw : String(keyNode.source ?? raw);
      if (allowed && !allowed.has(key)) {
        this.fail(keyNode, where, `unknown key "${key}" in ${what} (allowed: ${[...allowed].join(', ')})`);
      }
      return { key, keyNode, value: (pair.value as Node | null) ?? null };
    });
  }

  /** A scalar's JS value (string, number, boolean or null). */
  scalar(node: Node | null, where: Where, what: string): string | number | boolean | null {
    if (node === null) return null;
    if (!isScalar(node)) this.fail(node, where, `${what} must be a single value`);
    const v = node.value;
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    return this.fail(node, where, `${what} must be a string, number, boolean or null`);
  }

  string(node: Node | null, where: Where, what: string): string {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'string' || v.trim() === '') this.fail(node, where, `${what} must be a non-empty string`);
    return v;
  }

  bool(node: Node | null, where: Where, what: string): boolean {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'boolean') this.fail(node, where, `${what} must be true or false`);
    return v;
  }

  positiveInt(node: Node | null, where: Where, what: string): number {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) this.fail(node, where, `${what} must be a positive integer`);
    return v;
  }
}
