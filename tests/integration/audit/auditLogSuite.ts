import { importJWK, compactVerify } from 'jose';
import { expect, it } from 'vitest';
import { AuditLog, AuditWriteFailed, CheckpointRefused, GroupCommitAuditStore, canonicalJson, loadCheckpointKeys, searchEvents, verifyLog, type CheckpointKeys } from '../../../src/audit/index.js';
import { migrate, type Store } from '../../../src/store/index.js';
import { rfcRoot, verifyConsistency, verifyInclusion } from '../../unit/audit/rfc6962Verifier.js';
import { independentLeafHash, newSigningKey, sampleEvent, tamper } from './auditFixtures.js';

/** A fresh, migrated, empty store of one kind, and how to dispose of it. */
export interface StoreHarness {
  store: Store;
  close(): Promise<void>;
}

/**
 * The audit log's behaviour on a real store, run by every store kind with one line (PGlite,
 * PostgreSQL): durable contiguous appends, database-level append-only, tamper detection naming
 * the entry, and proofs an independent verifier accepts.
 */
export function auditLogSuite(fresh: () => Promise<StoreHarness>): void {
  let keys: CheckpointKeys;

  async function withLog<T>(work: (h: StoreHarness, log: AuditLog, writer: GroupCommitAuditStore) => Promise<T>): Promise<T> {
    keys ??= await loadCheckpointKeys({ signingKey: await newSigningKey() }, '.');
    const h = await fresh();
    try {
      const writer = new GroupCommitAuditStore(h.store);
      return await work(h, new AuditLog(h.store, writer, keys), writer);
    } finally {
      await h.close();
    }
  }

  /** 20 events (leaves 0–19) from 8 requests, a checkpoint at 10 and one at 20. */
  async function twentyEvents(log: AuditLog): Promise<void> {
    let n = 0;
    for (let r = 0; n < 20; r++) {
      const count = Math.min(n < 10 ? 10 - n : 20 - n, (r % 3) + 1);
      await log.append(Array.from({ length: count }, (_, i) => sampleEvent(`r${r}`, `person-${n + i}`)));
      n += count;
      if (n === 10) await log.checkpoint();
    }
    await log.checkpoint();
  }

  it('commits concurrent requests as contiguous leaves, in groups, and the whole log verifies', async () => {
    await withLog(async (h, log, writer) => {
      const receipts = await Promise.all(
        Array.from({ length: 60 }, (_, r) => log.append(Array.from({ length: (r % 4) + 1 }, (_, i) => sampleEvent(`req-${r}`, `p-${r}-${i}`)))),
      );
      const total = receipts.reduce((s, x) => s + x.count, 0);
      expect(total).toBe(150);
      expect(await log.size()).toBe(150);
      const covered = receipts.flatMap((x) => Array.from({ length: x.count }, (_, i) => x.first + i)).sort((a, b) => a - b);
      expect(covered).toEqual(Array.from({ length: 150 }, (_, i) => i));
      const { rows } = await h.store.query<{ leaf_index: string | number; request_id: string }>('SELECT leaf_index, request_id FROM reintegra.audit_event ORDER BY leaf_index');
      expect(rows.map((r) => Number(r.leaf_index))).toEqual(covered);
      // A request's events are adjacent, at the leaves its receipt names.
      for (const [r, x] of receipts.entries()) expect(rows.slice(x.first, x.first + x.count).every((row) => row.request_id === `req-${r}`)).toBe(true);
      expect(writer.stats.groups).toBeLessThan(60);
      await log.checkpoint();
      const result = await log.verify();
      expect(result).toMatchObject({ ok: true, treeSize: 150, checkpoints: 1, problems: [] });
    });
  });

  it('stores strings that need escaping byte for byte: the leaf hashes match an independent encoder and the log verifies', async () => {
    await withLog(async (h, log) => {
      const odd = ['quote " and \\ backslash', 'tab\tnew\nline \u0001 \u001f', 'Ђорђевић Çeliku ё 😀', '\u2028\u2029 </script>', 'lone \ud800 surrogate', 'nul \u0000 byte'];
      const events = odd.map((sub, i) => sampleEvent(`odd-${i}`, `p-${i}`, { caller: { sub, agency: 'probation', roles: ['x'], client: sub }, operation: { name: sub, documentHash: null } }));
      await log.append(events);
      const { rows } = await h.store.query<{ leaf_index: string | number; leaf_hash: Buffer; event: unknown }>('SELECT leaf_index, leaf_hash, event FROM reintegra.audit_event ORDER BY leaf_index');
      expect(rows).toHaveLength(odd.length);
      for (const row of rows) expect(Buffer.from(row.leaf_hash).equals(independentLeafHash(row.event, Number(row.leaf_index)))).toBe(true);
      // What cannot be stored (NUL, a lone surrogate) is replaced, everything else kept as sent.
      expect(rows.map((r) => (r.event as { caller: { sub: string } }).caller.sub)).toEqual(odd.map((s) => s.replace('\ud800', '\ufffd').replace('\u0000', '\ufffd')));
      await log.checkpoint();
      expect(await log.verify()).toMatchObject({ ok: true, treeSize: odd.length, problems: [] });
    });
  });

  it('fails the whole group, storing nothing, when a row’s events, subjects and leaf hashes disagree in number', async () => {
    await withLog(async (h, log) => {
      await log.append([sampleEvent('before', 'p-0')]);
      // Writers whose encoding went wrong: an event's member list, a subject or a hash missing.
      type SentRow = { specs: number[][]; subjects: string[]; leaf_hashes: string };
      const broken = (spoil: (row: SentRow) => void) => new GroupCommitAuditStore({
        query: (sql, params, name) => {
          if (!sql.includes('INSERT')) return h.store.query(sql, params, name);
          const rows = JSON.parse(params![0] as string) as SentRow[];
          spoil(rows[0]!);
          return h.store.query(sql, [JSON.stringify(rows), ...params!.slice(1)], name);
        },
      });
      const events = () => [sampleEvent('broken', 'p-1'), sampleEvent('broken', 'p-2')];
      await expect(broken((row) => row.specs.pop()).append(events())).rejects.toBeInstanceOf(AuditWriteFailed);
      await expect(broken((row) => row.subjects.pop()).append(events())).rejects.toBeInstanceOf(AuditWriteFailed);
      await expect(broken((row) => (row.leaf_hashes = row.leaf_hashes.slice(0, 44))).append(events())).rejects.toBeInstanceOf(AuditWriteFailed);
      expect(await log.size()).toBe(1);
      const { rows } = await h.store.query<{ n: number }>('SELECT count(*)::integer AS n FROM reintegra.audit_event');
      expect(rows[0]!.n).toBe(1);
      await log.checkpoint();
      expect(await log.verify()).toMatchObject({ ok: true, treeSize: 1, problems: [] });
    });
  });

  it('names an event whose member index points past its dictionary, or whose text is no longer JSON, as altered; the view still reads', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      await tamper(
        h.store,
        `UPDATE reintegra.audit_request SET specs = '[[0, 10000]]' WHERE first_leaf = 16`,
        `UPDATE reintegra.audit_request SET members = jsonb_set(members, '{0}', to_jsonb('"broken'::text)) WHERE first_leaf = 19`,
      );
      expect((await log.verify()).problems.map((p) => `${p.kind}@${p.leafIndex}`)).toEqual(expect.arrayContaining(['ALTERED@16', 'ALTERED@19']));
      const { rows } = await h.store.query<{ n: number }>('SELECT count(*)::integer AS n FROM reintegra.audit_event WHERE leaf_index BETWEEN 10 AND 18');
      expect(rows[0]!.n).toBe(9);
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events and checkpoints, and a head that shrinks', async () => {
    await withLog(async (h, log) => {
      await log.append([sampleEvent('a', 'x')]);
      await log.checkpoint();
      for (const sql of [
        'UPDATE reintegra.audit_request SET count = 1',
        'DELETE FROM reintegra.audit_request',
        'TRUNCATE reintegra.audit_request',
        "UPDATE reintegra.audit_event_row SET event = '{}'",
        'DELETE FROM reintegra.audit_event_row',
        'TRUNCATE reintegra.audit_event_row',
        "UPDATE reintegra.audit_checkpoint SET jws = 'x'",
        'DELETE FROM reintegra.audit_checkpoint',
        'TRUNCATE reintegra.audit_checkpoint',
        'UPDATE reintegra.audit_head SET size = 0',
        'DELETE FROM reintegra.audit_head',
      ]) {
        await expect(h.store.query(sql), sql).rejects.toThrow(/append-only|only grows/);
      }
      expect((await log.verify()).ok).toBe(true);
    });
  });

  it('names the altered event when a row’s content is changed', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      // Leaves 7 and 8 are one request's row, sharing the member that holds the purpose.
      await tamper(h.store, `UPDATE reintegra.audit_request SET members = replace(members::text, 'RELEASE_PLANNING', 'SUPERVISION')::jsonb WHERE first_leaf = 7`);
      const { ok, problems } = await log.verify();
      expect(ok).toBe(false);
      expect(problems[0]).toMatchObject({ kind: 'ALTERED', leafIndex: 7, message: expect.stringMatching(/^leaf 7 \(seq \d+\): content does not match its recorded hash/) });
      expect(problems.map((p) => `${p.kind}@${p.leafIndex}`).slice(0, 2)).toEqual(['ALTERED@7', 'ALTERED@8']);
    });
  });

  it('names the removed events when a request’s row is deleted from the middle', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      // The third request's row: leaves 3–5 (rows: 0, 1–2, 3–5, 6, 7–8, …; seq from 1).
      await tamper(h.store, 'DELETE FROM reintegra.audit_request WHERE first_leaf = 3');
      const { problems } = await log.verify();
      expect(problems[0]).toMatchObject({ kind: 'MISSING', leafIndex: 3, message: 'leaf 3–5: missing (the next row, seq 4, has leaf 6)' });
    });
  });

  it('names the first removed event when the newest rows are deleted', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      await tamper(h.store, 'DELETE FROM reintegra.audit_request WHERE first_leaf >= 17');
      const { problems } = await log.verify();
      expect(problems[0]).toMatchObject({ kind: 'MISSING', leafIndex: 17 });
      expect(problems[0]!.message).toMatch(/^leaf 17: missing — checkpoint \d+ covers 20 leaves, the log holds 17$/);
    });
  });

  it('names the first moved event when rows are reordered', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      await tamper(
        h.store,
        // Two requests of one event each, at leaves 6 and 9, change places.
        'UPDATE reintegra.audit_request SET first_leaf = 1000 WHERE first_leaf = 6',
        'UPDATE reintegra.audit_request SET first_leaf = 6 WHERE first_leaf = 9',
        'UPDATE reintegra.audit_request SET first_leaf = 9 WHERE first_leaf = 1000',
      );
      const { problems } = await log.verify();
      expect(problems[0]).toMatchObject({ leafIndex: 6 });
      expect(problems.map((p) => `${p.kind}@${p.leafIndex}`)).toEqual(expect.arrayContaining(['ALTERED@6', 'ALTERED@9', 'OUT_OF_ORDER@7']));
    });
  });

  it('catches a rewrite that also recomputes the leaf hash, by the signed checkpoint, naming the leaves since the last good one', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      await rewriteLeaf16(h);
      const { ok, problems } = await log.verify();
      expect(ok).toBe(false);
      expect(problems[0]).toMatchObject({ kind: 'CHECKPOINT_ROOT', leafIndex: 10 });
      expect(problems[0]!.message).toMatch(/\(tree size 20\) does not match the log: an entry from leaf 10 to 19 was altered, removed or reordered/);
    });
  });

  /**
   * The request at leaf 16 (one event) rewritten whole, consistently, as an attacker who knows the
   * format would: its dictionary, its purpose column and its leaf hash; then `more` statements.
   */
  async function rewriteLeaf16(h: StoreHarness, ...more: string[]): Promise<void> {
    const { rows } = await h.store.query<{ event: Record<string, unknown> }>('SELECT event FROM reintegra.audit_event WHERE leaf_index = 16');
    const rewritten = { ...rows[0]!.event, purpose: 'SUPERVISION' };
    const members = JSON.stringify([canonicalJson(rewritten).slice(1, -1)]).replaceAll("'", "''");
    await tamper(
      h.store,
      `UPDATE reintegra.audit_request SET members = '${members}'::jsonb, specs = '[[0]]', purpose = 'SUPERVISION', leaf_hashes = '\\x${independentLeafHash(rewritten, 16).toString('hex')}'::bytea WHERE first_leaf = 16`,
      ...more,
    );
  }

  /** The request row at `from` copied whole to `to`, its leaf hash recomputed for `to` (an attacker's insert). */
  async function copyRowRehashed(h: StoreHarness, from: number, to: number): Promise<void> {
    const { rows } = await h.store.query<{ event: Record<string, unknown> }>('SELECT event FROM reintegra.audit_event WHERE leaf_index = $1', [from]);
    await tamper(
      h.store,
      `INSERT INTO reintegra.audit_request (first_leaf, count, at, request_id, caller_agency, caller_sub, purpose, break_glass, subjects, outcomes, on_case_team, event_agencies, agencies, members, specs, leaf_hashes)
         SELECT ${to}, count, at, request_id, caller_agency, caller_sub, purpose, break_glass, subjects, outcomes, on_case_team, event_agencies, agencies, members, specs, '\\x${independentLeafHash(rows[0]!.event, to).toString('hex')}'::bytea
           FROM reintegra.audit_request WHERE first_leaf = ${from}`,
    );
  }

  it('names an entry inserted at a place already taken, its hash recomputed for it, and a legacy row below leaf 0', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      // Leaves 17–18 are one request's row; a copy of the one-event row at 19 is put at 18.
      await copyRowRehashed(h, 19, 18);
      const { ok, problems } = await log.verify();
      expect(ok).toBe(false);
      expect(problems.map((p) => `${p.kind}@${p.leafIndex}`)).toContain('EXTRA@18');
      expect(problems.find((p) => p.kind === 'EXTRA')!.message).toMatch(/^leaf 18 \(seq \d+\): a second entry at a place in the log already taken/);
    });
    await withLog(async (h, log) => {
      await twentyEvents(log);
      const e = sampleEvent('forged', 'person-x');
      await h.store.query('INSERT INTO reintegra.audit_event_row (leaf_index, at, request_id, subject, event, leaf_hash) VALUES ($1, $2, $3, $4, $5, $6)', [-5, e.at, e.requestId, e.subject, JSON.stringify(e), independentLeafHash(e, -5)]);
      const { ok, problems } = await log.verify();
      expect(ok).toBe(false);
      expect(problems[0]).toMatchObject({ kind: 'EXTRA', leafIndex: -5, message: expect.stringMatching(/below leaf 0/) });
    });
  });

  it('fails appends with a message naming the cause when a row was put at the place the head names', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      // What the gateway's own role could do by hand: an INSERT at leaf 20, the head left at 20.
      await copyRowRehashed(h, 19, 20);
      await expect(log.append([sampleEvent('after', 'person-x')])).rejects.toThrow(/a row already holds the place its head names .*run reintegra audit verify/);
      expect((await log.verify()).problems.map((p) => p.kind)).toContain('HEAD_MISMATCH');
    });
  });

  it('names an event whose member indexes are written otherwise than the writer writes them, as the database reads them', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      // JSON reads 0.0 as 0, so the event's text and hash are unchanged; the database's readers refuse it.
      await tamper(h.store, `UPDATE reintegra.audit_request SET specs = '[[0.0]]' WHERE first_leaf = 16`);
      const { problems } = await log.verify();
      expect(problems[0]).toMatchObject({ kind: 'ALTERED', leafIndex: 16 });
    });
  });

  it('refuses to sign a checkpoint of a log that lost rows, or that no longer extends the latest checkpoint', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      await tamper(h.store, 'DELETE FROM reintegra.audit_request WHERE first_leaf = 3');
      // A process reading the log afresh (a restart, another replica).
      await expect(new AuditLog(h.store, new GroupCommitAuditStore(h.store), keys).checkpoint()).rejects.toThrow(CheckpointRefused);
      await expect(new AuditLog(h.store, new GroupCommitAuditStore(h.store), keys).checkpoint()).rejects.toThrow(/stops at leaf 3/);
    });
    await withLog(async (h, log) => {
      await twentyEvents(log);
      await tamper(h.store, 'DELETE FROM reintegra.audit_request WHERE first_leaf >= 17', 'UPDATE reintegra.audit_head SET size = 17');
      await expect(new AuditLog(h.store, new GroupCommitAuditStore(h.store), keys).checkpoint()).rejects.toThrow(/does not extend checkpoint \d+ \(tree size 20\)/);
      const { rows } = await h.store.query<{ n: string | number }>('SELECT count(*) AS n FROM reintegra.audit_checkpoint');
      expect(Number(rows[0]!.n)).toBe(2);
    });
  });

  it('catches a rewrite of the database that also removed its checkpoints, by a checkpoint kept outside it', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      const kept = (await log.checkpoints(10)).map((c) => c.jws);
      await rewriteLeaf16(h, 'DELETE FROM reintegra.audit_checkpoint');
      // The database alone now verifies, and says no signature covers any of it.
      expect(await verifyLog(h.store, keys)).toMatchObject({ ok: true, checkpoints: 0, unsignedLeaves: 20, trustedCheckpoints: 0 });
      const withKept = await verifyLog(h.store, keys, { trusted: kept });
      expect(withKept).toMatchObject({ ok: false, trustedCheckpoints: 2, unsignedLeaves: 10 });
      expect(withKept.problems[0]).toMatchObject({ kind: 'CHECKPOINT_ROOT', leafIndex: 10, message: expect.stringMatching(/^trusted checkpoint \d \(tree size 20\) does not match the log/) });
      expect((await verifyLog(h.store, keys, { trusted: [`${kept[0]!}x`] })).problems[0]).toMatchObject({ kind: 'CHECKPOINT_SIGNATURE' });
    });
  });

  it('catches a checkpoint whose root or signature was forged', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      await tamper(h.store, `UPDATE reintegra.audit_checkpoint SET root_hash = '\\x${'00'.repeat(32)}'::bytea WHERE tree_size = 10`);
      expect((await log.verify()).problems).toEqual([expect.objectContaining({ kind: 'CHECKPOINT_SIGNATURE', message: expect.stringMatching(/its row differs from what its signature covers/) })]);
      await tamper(h.store, `UPDATE reintegra.audit_checkpoint SET jws = jws || 'x' WHERE tree_size = 20`);
      expect((await log.verify()).problems.map((p) => p.kind)).toEqual(['CHECKPOINT_SIGNATURE', 'CHECKPOINT_SIGNATURE']);
    });
  });

  it('gives inclusion and consistency proofs that an independent verifier accepts against the signed checkpoint', async () => {
    await withLog(async (h, log) => {
      await twentyEvents(log);
      await log.append([sampleEvent('late', 'someone')]);
      const { rows } = await h.store.query<{ leaf_index: string | number; event: unknown }>('SELECT leaf_index, event FROM reintegra.audit_event ORDER BY leaf_index');
      const leaves = rows.map((r) => independentLeafHash(r.event, Number(r.leaf_index)));
      const publicKey = await importJWK(keys.signer!.jwk, 'ES256');
      for (const m of [0, 7, 13, 19]) {
        const proof = await log.inclusionProof(m);
        expect(proof.treeSize).toBe(20); // the latest checkpoint, not the unsigned tail
        expect(proof.leafHash.equals(leaves[m]!)).toBe(true);
        const signed = JSON.parse(new TextDecoder().decode((await compactVerify(proof.checkpoint!.jws, publicKey)).payload)) as { treeSize: number; rootHash: string };
        expect(signed.treeSize).toBe(20);
        expect(verifyInclusion(m, 20, leaves[m]!, proof.path, Buffer.from(signed.rootHash, 'base64'))).toBe(true);
      }
      const c = await log.consistencyProof(10);
      expect([c.firstSize, c.secondSize]).toEqual([10, 20]);
      expect(c.firstRoot.equals(rfcRoot(leaves.slice(0, 10)))).toBe(true);
      expect(verifyConsistency(10, 20, c.firstCheckpoint!.rootHash, c.secondCheckpoint!.rootHash, c.proof)).toBe(true);
      const unsigned = await log.inclusionProof(20, 21);
      expect(verifyInclusion(20, 21, leaves[20]!, unsigned.path, rfcRoot(leaves))).toBe(true);
      expect(unsigned.checkpoint).toBeNull();
      await expect(log.inclusionProof(21, 21)).rejects.toThrow('leaf 21 is not in a tree of 21');
    });
  });

  it('signs a periodic checkpoint only when the log grew since the latest one', async () => {
    await withLog(async (_h, log) => {
      expect(await log.checkpointIfGrown()).toBeNull();
      await log.append([sampleEvent('a')]);
      expect(await log.checkpointIfGrown()).toMatchObject({ treeSize: 1 });
      expect(await log.checkpointIfGrown()).toBeNull();
      expect((await log.checkpoints(10)).map((c) => c.treeSize)).toEqual([1]);
    });
  });

  it('keeps the events written a row each before migration 300 in the same log: verified, searched and proved with the new ones', async () => {
    keys ??= await loadCheckpointKeys({ signingKey: await newSigningKey() }, '.');
    const h = await fresh();
    try {
      // The schema as it was before migration 300, holding three events a row each.
      await h.store.transaction(async (tx) => {
        for (const sql of [
          'DROP VIEW reintegra.audit_event',
          'DROP TABLE reintegra.audit_request',
          'DROP FUNCTION reintegra.audit_request_event(text[], json)',
          'ALTER TABLE reintegra.audit_event_row RENAME TO audit_event',
          'DELETE FROM reintegra.migration WHERE id = 300',
        ]) await tx.query(sql);
      });
      const old = [sampleEvent('old-1', 'p-1'), sampleEvent('old-1', 'p-2'), sampleEvent('old-2', 'p-1')];
      for (const [i, e] of old.entries()) {
        await h.store.query('INSERT INTO reintegra.audit_event (leaf_index, at, request_id, subject, event, leaf_hash) VALUES ($1, $2, $3, $4, $5, $6)', [i, e.at, e.requestId, e.subject, JSON.stringify(e), independentLeafHash(e, i)]);
      }
      await h.store.query('UPDATE reintegra.audit_head SET size = 3');
      await migrate(h.store);

      const log = new AuditLog(h.store, new GroupCommitAuditStore(h.store), keys);
      const added = [sampleEvent('new-1', 'p-1'), sampleEvent('new-1', 'p-3')];
      expect(await log.append(added)).toEqual({ first: 3, count: 2 });
      await log.checkpoint();
      expect(await log.verify()).toMatchObject({ ok: true, treeSize: 5, legacyEvents: 0, problems: [] });
      const { rows } = await h.store.query<{ leaf_index: string | number; seq: string | number }>('SELECT leaf_index, seq FROM reintegra.audit_event ORDER BY leaf_index');
      expect(rows.map((r) => Number(r.leaf_index))).toEqual([0, 1, 2, 3, 4]);
      expect(Number(rows[3]!.seq)).toBeGreaterThan(Number(rows[2]!.seq)); // the row sequence goes on

      const page = await searchEvents(h.store, 'probation', { subject: 'p-1' }, { first: 10 });
      expect(page.events.map((e) => [e.leafIndex, e.event.requestId])).toEqual([[3, 'new-1'], [2, 'old-2'], [0, 'old-1']]);
      const firstPage = await searchEvents(h.store, 'probation', {}, { first: 3 });
      const secondPage = await searchEvents(h.store, 'probation', {}, { first: 3, after: Number(firstPage.endCursor) });
      expect([...firstPage.events, ...secondPage.events].map((e) => e.leafIndex)).toEqual([4, 3, 2, 1, 0]);

      const leaves = [...old, ...added].map((e, i) => independentLeafHash(e, i));
      for (const m of [1, 4]) {
        const proof = await log.inclusionProof(m);
        expect(verifyInclusion(m, 5, leaves[m]!, proof.path, rfcRoot(leaves))).toBe(true);
      }
    } finally {
      await h.close();
    }
  });
}
