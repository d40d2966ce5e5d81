import type { PersonRecord } from '../../adapters/sdk/index.js';
import type { GatewayContext, PersonNode } from '../context/index.js';
import { sourceError } from '../sources/index.js';
import { identityLinksOf } from './identityLinksOf.js';
import { checkNationalId } from './nationalId.js';
import { CANDIDATE_THRESHOLD, scoreCandidate, swapDayMonth, type DateOfBirthMatch, type LinkedPersonProfile } from './scoreCandidate.js';

/** Candidates within this distance of the best at the same agency make it ambiguous. */
const AMBIGUITY_MARGIN = 0.05;

export interface LinkCandidate {
  agency: string;
  record: PersonRecord;
  score: number;
  nameScore: number;
  dateOfBirth: DateOfBirthMatch;
  /** Another record at the same agency scores about as well: ask the agency before confirming. */
  ambiguous: boolean;
}

/** Every spelling, date of birth and (when they agree) sex the agencies linked to the person record. */
export function profileOf(node: PersonNode): LinkedPersonProfile {
  const records = [...node.links.values()];
  const sexes = new Set(records.map((r) => r.sex).filter((s): s is 'FEMALE' | 'MALE' => s === 'FEMALE' || s === 'MALE'));
  return {
    names: records.map((r) => ({ givenName: r.givenName, familyName: r.familyName })),
    datesOfBirth: [...new Set(records.map((r) => r.dateOfBirth).filter((d): d is string => d !== null))],
    sex: sexes.size === 1 ? [...sexes][0]! : null,
  };
}

/**
 * Records that may be this person's at agencies that did not link them by national identifier,
 * asked within the request from each agency's own system (`personByDateOfBirth`: the dates of
 * birth the linked agencies record, and the same with day and month exchanged), scored by
 * `scoreCandidate`, best first. Not proposed: records carrying a valid national identifier
 * (that person links by it, or is someone else), records a coordinator already confirmed or
 * rejected for this person, records confirmed for another person, and anything below
 * `CANDIDATE_THRESHOLD`. Nothing here links anything: a candidate is used only after a
 * coordinator confirms it (`decideLink`). An agency that fails adds a notice at `path`.
 */
export async function findLinkCandidates(ctx: GatewayContext, node: PersonNode, path: ReadonlyArray<string | number>): Promise<LinkCandidate[]> {
  const profile = profileOf(node);
  if (profile.datesOfBirth.length === 0 || profile.names.length === 0) return [];
  const dates = [...new Set(profile.datesOfBirth.flatMap((d) => [d, swapDayMonth(d)]).filter((d): d is string => d !== null))];
  const agencies = ctx.sources.providersOf('personByDateOfBirth').filter((a) => !node.links.has(a) && !node.linkErrors.has(a));
  if (agencies.length === 0) return [];
  const links = identityLinksOf(ctx);
  const decided = new Set((await links.forPerson(node.id)).map((l) => `${l.agency}\u0000${l.agencyRef}`));
  const perAgency = await Promise.all(
    agencies.map(async (agency) => {
      let found: PersonRecord[];
      try {
        found = await recordsBornOn(ctx, agency, dates);
      } catch (error) {
        const e = sourceError(error, agency);
        ctx.notices.push({ message: e.message, path, extensions: e.extensions });
        return [];
      }
      ctx.audit.read(node.id, agency);
      const scored: LinkCandidate[] = [];
      for (const record of found) {
        if (record.nationalId && checkNationalId(record.nationalId.scheme, record.nationalId.value).ok) continue;
        if (decided.has(`${agency}\u0000${record.ref}`)) continue;
        const s = scoreCandidate(profile, record);
        if (s && s.score >= CANDIDATE_THRESHOLD) scored.push({ agency, record, ...s, ambiguous: false });
      }
      const owners = await links.confirmedOwners(agency, scored.map((c) => c.record.ref));
      const open = scored.filter((c) => !owners.has(c.record.ref));
      for (const c of open) c.ambiguous = open.some((o) => o !== c && o.score >= c.score - AMBIGUITY_MARGIN);
      return open;
    }),
  );
  return perAgency.flat().sort((a, b) => b.score - a.score || a.agency.localeCompare(b.agency) || a.record.ref.localeCompare(b.record.ref));
}

/** Every record the agency holds born on one of `dates`, each once. */
async function recordsBornOn(ctx: GatewayContext, agency: string, dates: readonly string[]): Promise<PersonRecord[]> {
  const lists = await Promise.all(dates.map((d) => ctx.sources.load(agency, 'personByDateOfBirth', d)));
  const byRef = new Map<string, PersonRecord>();
  for (const list of lists) {
    if (list instanceof Error) throw list;
    for (const record of (list ?? []) as PersonRecord[]) byRef.set(record.ref, record);
  }
  return [...byRef.values()];
}
