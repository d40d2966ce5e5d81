import type { LoggedAuditEvent } from './AuditEvent.js';
import type { ConsistencyProof, InclusionProof } from './AuditLog.js';
import type { Checkpoint } from './Checkpoint.js';
import type { LogVerification } from './verifyLog.js';

/**
 * The privacy-officer API's shapes (schema/audit.graphql): hashes in base64, events flattened.
 * Kept apart from the log's own types so the schema can change without touching the log.
 */
export const toAuditApi = {
  event({ leafIndex, leafHash, event: e }: LoggedAuditEvent) {
    return {
      leafIndex,
      leafHash: leafHash.toString('base64'),
      at: e.at,
      requestId: e.requestId,
      caller: e.caller,
      purpose: e.purpose,
      breakGlass: e.breakGlass,
      operationName: e.operation.name,
      documentHash: e.operation.documentHash,
      persistedOperationId: e.operation.persistedId ?? null,
      subject: e.subject,
      agencies: e.agencies,
      released: e.released,
      withheld: e.withheld,
      outcome: e.outcome,
      onCaseTeam: e.onCaseTeam ?? null,
      auditLogReads: (e.auditLog ?? []).map((r) => ({ field: r.field, args: JSON.stringify(r.args) })),
      caseTeamChanges: e.caseTeamChanges ?? [],
      consentChanges: e.consentChanges ?? [],
      linkChanges: (e.linkChanges ?? []).map((l) => ({ state: l.state, agency: l.agency, score: l.scorePerMille === null ? null : l.scorePerMille / 1000 })),
      statistics: (e.statistics ?? []).map((s) => ({
        withheld: [], project: null, dataset: null, rows: null, suppressedCells: null, refused: null, ...s,
      })),
    };
  },

  checkpoint(c: Checkpoint) {
    return { ...c, rootHash: c.rootHash.toString('base64') };
  },

  inclusionProof(p: InclusionProof) {
    return {
      leafIndex: p.leafIndex,
      treeSize: p.treeSize,
      leafHash: p.leafHash.toString('base64'),
      path: p.path.map((h) => h.toString('base64')),
      rootHash: p.rootHash.toString('base64'),
      checkpoint: p.checkpoint && toAuditApi.checkpoint(p.checkpoint),
      checkpointMatches: p.checkpoint ? p.checkpoint.rootHash.equals(p.rootHash) : null,
    };
  },

  consistencyProof(p: ConsistencyProof) {
    return {
      firstSize: p.firstSize,
      secondSize: p.secondSize,
      proof: p.proof.map((h) => h.toString('base64')),
      firstRoot: p.firstRoot.toString('base64'),
      secondRoot: p.secondRoot.toString('base64'),
      firstCheckpoint: p.firstCheckpoint && toAuditApi.checkpoint(p.firstCheckpoint),
      secondCheckpoint: p.secondCheckpoint && toAuditApi.checkpoint(p.secondCheckpoint),
      firstCheckpointMatches: p.firstCheckpoint ? p.firstCheckpoint.rootHash.equals(p.firstRoot) : null,
      secondCheckpointMatches: p.secondCheckpoint ? p.secondCheckpoint.rootHash.equals(p.secondRoot) : null,
    };
  },

  verification(v: LogVerification) {
    const problems = v.problems.slice(0, 100);
    return { ...v, rootHash: v.rootHash.toString('base64'), problems, firstProblem: problems[0] ?? null };
  },
};
