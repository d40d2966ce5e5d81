import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, loadMapping, MappingInvalid, parseMapping, RECORD_PATHS, type MappingKind } from '../../../adapters/sdk/index.js';
import { createTempDir, type TempDir } from '../../support/tempDir.js';

const F = 'mappings/prison.yaml';

/** The MappingInvalid message parseMapping throws for `yaml`. */
function problem(yaml: string, kind?: MappingKind): string {
  try {
    parseMapping(yaml, F, 'prison', kind ? { kind } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(MappingInvalid);
    return (error as Error).message;
  }
  throw new Error('the mapping was accepted');
}

describe('loadMapping validation', () => {
  let dir: TempDir;
  beforeAll(async () => {
    dir = await createTempDir();
  });
  afterAll(() => dir.remove());

  it('names agency, entity and file:line for an unknown entity', async () => {
    const file = await dir.write('m.yaml', 'entities:\n  person:\n    source: T\n    key: ID\n    fields: { ref: ID }\n  inmate:\n    source: T\n');
    await expect(loadMapping(file, 'prison')).rejects.toThrow(
      `prison: invalid mapping ${file}:6: entity "inmate": unknown entity (known: ${ENTITIES.join(', ')})`,
    );
  });

  it('names the field and its line for a record path not in the common type', () => {
    const yaml = 'entities:\n  custody:\n    source: T\n    key: ID\n    fields:\n      ref: ID\n      sentence.lenghtMonths: M\n';
    expect(problem(yaml)).toBe(
      `prison: invalid mapping ${F}:7: entity "custody", field "sentence.lenghtMonths": not a path of the common custody record (known: ${RECORD_PATHS.custody.fields.join(', ')})`,
    );
  });

  it('names list item fields as list[].path', () => {
    const yaml = [
      'entities:', '  custody:', '    source: T', '    key: ID', '    fields: { ref: ID }', '    lists:',
      '      sentence.offences:', '        source: O', '        key: ID', '        fields:', '          cod: C',
    ].join('\n');
    expect(problem(yaml, 'sql')).toBe(
      `prison: invalid mapping ${F}:11: entity "custody", field "sentence.offences[].cod": not a path of the common custody record (known: code, description, legalArticle)`,
    );
  });

  it('reports malformed field specs at the offending node', () => {
    const spec = (s: string): string => problem(`entities:\n  person:\n    source: T\n    key: ID\n    fields:\n      ref: ID\n      sex: ${s}\n`);
    expect(spec('{ from: POL, const: MALE }')).toBe(`prison: invalid mapping ${F}:7: entity "person", field "sex": a field spec needs exactly one of from or const`);
    expect(spec('{ from: POL,\n             type: enum }')).toBe(
      `prison: invalid mapping ${F}:8: entity "person", field "sex": unknown type "enum" (known: string, int, number, bool, date, datetime)`,
    );
    expect(spec('{ from: POL, mapp: { M: MALE } }')).toBe(
      `prison: invalid mapping ${F}:7: entity "person", field "sex": unknown key "mapp" in field spec (allowed: from, const, type, map, default, trim)`,
    );
    expect(spec('{ const: abc, type: int }')).toBe(`prison: invalid mapping ${F}:7: entity "person", field "sex": const does not fit type int`);
    expect(spec('[POL]')).toBe(
      `prison: invalid mapping ${F}:7: entity "person", field "sex": a field spec must be a column/path or a mapping with from or const`,
    );
    expect(spec('')).toBe(`prison: invalid mapping ${F}:7: entity "person", field "sex": the source column/path must be a non-empty string`);
  });

  it('requires many: true on list entities and refuses it elsewhere', () => {
    expect(problem('entities:\n  programmes:\n    source: T\n    key: ID\n    fields: { ref: ID }\n')).toBe(
      `prison: invalid mapping ${F}:2: entity "programmes": many: true is required for the list entity programmes`,
    );
    expect(problem('entities:\n  person:\n    source: T\n    key: ID\n    many: true\n    fields: { ref: ID }\n')).toBe(
      `prison: invalid mapping ${F}:5: entity "person": many: true is only valid for list entities`,
    );
  });

  it('checks kind-specific keys and sql identifiers', () => {
    expect(problem('entities:\n  person:\n    key: ID\n    fields: { ref: ID }\n', 'sql')).toBe(`prison: invalid mapping ${F}:2: entity "person": missing "source"`);
    expect(problem('entities:\n  person:\n    source: T\n    key: ID\n    fields:\n      ref: "ID; DROP TABLE x"\n', 'sql')).toBe(
      `prison: invalid mapping ${F}:6: entity "person", field "ref": "ID; DROP TABLE x" is not a valid sql column name`,
    );
    expect(problem('entities:\n  person:\n    source: { query: "DELETE FROM t" }\n    key: ID\n    fields: { ref: ID }\n', 'sql')).toBe(
      `prison: invalid mapping ${F}:3: entity "person": source query must be a SELECT (or WITH … SELECT)`,
    );
    expect(problem('entities:\n  person:\n    path: /p\n    key: id\n    fields: { ref: id }\n', 'rest')).toBe(
      `prison: invalid mapping ${F}:2: entity "person": missing "keyParam"`,
    );
    expect(problem('entities:\n  person:\n    file: p.csv\n    key: ID\n    path: /p\n    fields: { ref: ID }\n', 'csv')).toBe(
      `prison: invalid mapping ${F}:5: entity "person": unknown key "path" in entity "person" (allowed: key, many, fields, lists, maxBatch, file, delimiter, keyType)`,
    );
  });

  it('reports YAML syntax errors and unreadable files with what is known', async () => {
    expect(problem('entities:\n  person:\n    key: [ID\n')).toMatch(new RegExp(`^prison: invalid mapping ${F}:\\d+: YAML: `));
    expect(problem('entities:\n  person:\n    key: ID\n    key: OTHER\n')).toMatch(new RegExp(`^prison: invalid mapping ${F}:4: YAML: Map keys must be unique`));
    await expect(loadMapping(`${dir.path}/absent.yaml`, 'prison')).rejects.toThrow(
      `prison: invalid mapping ${dir.path}/absent.yaml: cannot read the mapping file (ENOENT)`,
    );
  });

  it('keeps the mapping location on the error', () => {
    try {
      parseMapping('entities:\n  inmate: {}\n', F, 'prison');
    } catch (error) {
      expect((error as MappingInvalid).where).toEqual({ file: F, line: 2, entity: 'inmate' });
      expect((error as MappingInvalid).code).toBe('ERR_MAPPING_INVALID');
    }
  });

  it('normalises a valid mapping', () => {
    const m = parseMapping(
      [
        'entities:',
        '  custody:',
        '    source: { query: "SELECT * FROM k;" }',
        '    key: ID',
        '    keyType: int',
        '    fields:',
        '      ref: ID',
        '      status: { from: ST, map: { 01: REMAND, 2: SENTENCED }, default: RELEASED, trim: false }',
        '      sentence.lengthMonths: { from: M, type: int }',
        '    lists:',
        '      sentence.offences: { source: O, key: ID, orderBy: "SEQ DESC, ART", fields: { code: C } }',
      ].join('\n'),
      F, 'prison', { kind: 'sql' },
    );
    const c = m.entities.get('custody')!;
    expect(c).toMatchObject({ key: 'ID', keyType: 'int', many: false, source: { query: 'SELECT * FROM k' }, line: 2 });
    expect(c.fields.get('status')).toMatchObject({ from: 'ST', type: 'string', default: 'RELEASED', hasDefault: true, trim: false, line: 8 });
    expect([...c.fields.get('status')!.map!]).toEqual([['01', 'REMAND'], ['2', 'SENTENCED']]);
    expect(c.lists[0]).toMatchObject({
      path: 'sentence.offences', source: { table: 'O' }, key: 'ID',
      orderBy: [{ column: 'SEQ', descending: true }, { column: 'ART', descending: false }],
    });
  });

  it('accepts the example mapping of adapters/README.md', () => {
    const readme = readFileSync(new URL('../../../adapters/README.md', import.meta.url), 'utf8');
    const example = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.startsWith('entities:'))!;
    expect([...parseMapping(example, 'README.md', 'prison', { kind: 'sql' }).entities.keys()]).toEqual(['personByNationalId', 'custody']);
  });
});
