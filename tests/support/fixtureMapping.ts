/**
 * The conformance fixture's mapping for each adapter kind: the same field specs (column names
 * are also the JSON property and CSV header names), only the sources differ.
 */

export type FixtureTarget =
  | { kind: 'sql'; dialect: 'postgres' | 'mariadb'; schema: string }
  | { kind: 'rest' }
  | { kind: 'graphql' }
  | { kind: 'csv' };

const PERSON_FIELDS = `
    fields:
      ref: OSU_ID
      nationalId.scheme: { const: JMBG }
      nationalId.value: JMBG
      nationalId.country: { from: DRZAVA, map: { SRB: RS, KOS: XK, ALB: AL, MNE: ME } }
      givenName: IME
      familyName: PREZIME
      script: { from: PISMO, map: { C: CYRILLIC, L: LATIN } }
      dateOfBirth: { from: DAT_ROD, type: date }
      sex: { from: POL, map: { M: MALE, Z: FEMALE }, default: UNKNOWN }
      municipality: OPSTINA`;
const REF_FIELDS = `
    fields: { ref: OSU_ID, givenName: IME, familyName: PREZIME }`;
const CUSTODY_FIELDS = `
    fields:
      ref: OSU_ID
      establishment: USTANOVA
      status: { from: STATUS, map: { P: REMAND, O: SENTENCED } }
      admissionDate: { from: DAT_PRIJEMA, type: date }
      sentence.lengthMonths: { from: MESECI, type: int }
      sentence.startDate: { from: POCETAK, type: date }`;
const OFFENCE_FIELDS = `
        fields: { code: CLAN, description: OPIS, legalArticle: ZAKON }`;
const RISK_FIELDS = `
    many: true
    fields:
      ref: OSU_ID
      tool: ALAT
      assessedOn: { from: DATUM, type: date }
      status: { const: COMPLETED }
      judgement: NIVO`;
const SLOW_FIELDS = `
    fields: { ref: OSU_ID, orderType: { const: PAROLE } }`;

const COLUMNS = 'OSU_ID JMBG IME PREZIME PISMO DAT_ROD POL OPSTINA DRZAVA';

/** A SELECT that takes 0.8 s per statement: the "slow backend" of the deadline and abort cases. */
function slowQuery(dialect: 'postgres' | 'mariadb', schema: string): string {
  return dialect === 'postgres'
    ? `SELECT o.* FROM "${schema}"."OSUDJENIK" o CROSS JOIN pg_sleep(0.8)`
    : `SELECT o.* FROM \`${schema}\`.\`OSUDJENIK\` o CROSS JOIN (SELECT SLEEP(0.8) AS z) s`;
}

const gql = (field: string, arg: string, selection: string): string => `"query($keys: [String!]!) { ${field}(${arg}: $keys) { ${selection} } }"`;

/**
 * `personByDateOfBirth` (a list entity keyed by a non-unique date column) for the kinds whose
 * fixture backend can filter by it: sql (a `date` column) and csv (ISO text).
 */
function bornOn(target: FixtureTarget): string {
  if (target.kind === 'sql') return `\n  personByDateOfBirth:\n    source: OSUDJENIK\n    key: DAT_ROD\n    many: true${PERSON_FIELDS}`;
  if (target.kind === 'csv') return `\n  personByDateOfBirth:\n    file: OSUDJENIK.csv\n    key: DAT_ROD\n    many: true${PERSON_FIELDS}`;
  return '';
}

export function fixtureMapping(target: FixtureTarget): string {
  const source = (entity: 'people' | 'byId' | 'custody' | 'risk' | 'slow'): string => {
    switch (target.kind) {
      case 'sql': {
        const table = { people: 'OSUDJENIK', byId: 'OSUDJENIK', custody: 'KAZNA', risk: 'PROCENA', slow: '' }[entity];
        if (entity === 'slow') return `\n    source: { query: ${JSON.stringify(slowQuery(target.dialect, target.schema))} }\n    key: JMBG`;
        return `\n    source: ${table}\n    key: ${entity === 'people' ? 'JMBG' : 'OSU_ID'}${entity === 'people' ? '' : '\n    keyType: int'}`;
      }
      case 'rest': {
        const [path, param] = ({ people: ['/osudjenik', 'jmbg'], byId: ['/osudjenik', 'ids'], custody: ['/kazna', 'ids'], risk: ['/procena', 'ids'], slow: ['/slow', 'jmbg'] } as const)[entity];
        return `\n    path: ${path}\n    keyParam: ${param}\n    itemsAt: data\n    key: ${entity === 'people' || entity === 'slow' ? 'JMBG' : 'OSU_ID'}`;
      }
      case 'graphql': {
        const [field, arg, selection]: readonly [string, string, string] = ({
          people: ['osudjenik', 'jmbg', COLUMNS],
          byId: ['osudjenikById', 'ids', COLUMNS],
          custody: ['kazna', 'ids', 'OSU_ID USTANOVA STATUS DAT_PRIJEMA MESECI POCETAK DELO { CLAN OPIS ZAKON }'],
          risk: ['procena', 'ids', 'OSU_ID ALAT DATUM NIVO'],
          slow: ['slow', 'jmbg', COLUMNS],
        } as const)[entity];
        return `\n    query: ${gql(field, arg, selection)}\n    itemsAt: ${field}\n    key: ${entity === 'people' || entity === 'slow' ? 'JMBG' : 'OSU_ID'}`;
      }
      case 'csv': {
        const file = { people: 'OSUDJENIK', byId: 'OSUDJENIK', custody: 'KAZNA', risk: 'PROCENA', slow: 'SLOW' }[entity];
        return `\n    file: ${file}.csv\n    key: ${entity === 'people' || entity === 'slow' ? 'JMBG' : 'OSU_ID'}`;
      }
    }
  };
  const offences = target.kind === 'sql'
    ? `\n        source: DELO\n        key: OSU_ID\n        orderBy: RB`
    : target.kind === 'csv' ? `\n        file: DELO.csv\n        key: OSU_ID` : `\n        from: DELO`;
  return `entities:
  personByNationalId:${source('people')}${PERSON_FIELDS}
  person:${source('byId')}${REF_FIELDS}
  custody:${source('custody')}${CUSTODY_FIELDS}
    lists:
      sentence.offences:${offences}${OFFENCE_FIELDS}
  riskAssessments:${source('risk')}${RISK_FIELDS}${bornOn(target)}
  supervision:
    # A deliberately slow source, for the deadline and abort cases.${source('slow')}${SLOW_FIELDS}
`;
}
