import { caseTeamSeed, type World } from '../demo/index.js';

export interface DemoExample {
  scheme: string;
  value: string;
  /** The probation officer assigned to the person (their token's `sub`). */
  officer: string;
}

/**
 * The person the README and the start-up banner use: known to all four agencies, released on
 * parole (so there is custody, supervision, welfare and programme data), identified by JMBG.
 */
export function demoExample(world: World): DemoExample {
  const core = new Set(world.knownToAll);
  const person =
    world.people.find((p) => core.has(p.nationalId.value) && p.story === 'PAROLE' && p.nationalId.scheme === 'JMBG') ??
    world.people.find((p) => core.has(p.nationalId.value))!;
  const officer = caseTeamSeed(world).find((a) => a.nationalId === person.nationalId.value && a.agency === 'probation')!.sub;
  return { scheme: person.nationalId.scheme, value: person.nationalId.value, officer };
}

/** The README's example request body, for the banner's person. */
export function exampleBody(example: DemoExample): string {
  const query = `{ person(identifier: {scheme: ${example.scheme}, value: \\"${example.value}\\"}) { id names { givenName familyName agency } custody { source { agency } status expectedReleaseDate } supervision { orderType compliance { status } } welfare { status needs { domain level } } programmes { programme provider completion } } }`;
  return `{"query":"${query}"}`;
}
