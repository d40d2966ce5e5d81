/**
 * The audit writer thread (see `WorkerAuditStore`): a group commit over a connection of its own
 * to the gateway's PostgreSQL store. It receives events already encoded, so what it does is the
 * wire protocol, the round trip and the bookkeeping, off the thread that answers requests.
 *
 * In:  `{ kind: 'append', id, events }` (EncodedEvents) · `{ kind: 'flush', id }` · `{ kind: 'close' }`
 * Out: `{ id, first, count, stats }` · `{ id, error, stats }` (error: the cause's message)
 * On `close` it commits what it holds, closes its connection and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { postgresStore } from '../store/openStore.js';
import { GroupCommitAuditStore, type EncodedEvents } from './GroupCommitAuditStore.js';

export interface WriterData {
  url: string;
  commitTimeoutMs: number;
}

export type WriterRequest = { kind: 'append'; id: number; events: EncodedEvents } | { kind: 'flush'; id: number } | { kind: 'close' };

export interface WriterStats {
  groups: number;
  events: number;
  failedGroups: number;
}

export type WriterReply = { id: number; first: number; count: number; stats: WriterStats } | { id: number; error: string; stats: WriterStats };

const port = parentPort!;
const { url, commitTimeoutMs } = workerData as WriterData;
// One connection: groups are committed one after another anyway.
const store = postgresStore(url, 1);
const writer = new GroupCommitAuditStore(store, { commitTimeoutMs });

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    void writer.flushed().then(() => store.close()).finally(() => port.close());
    return;
  }
  const done = request.kind === 'append' ? writer.appendEncoded(request.events) : writer.flushed().then(() => ({ first: -1, count: 0 }));
  done.then(
    (receipt) => port.postMessage({ id: request.id, first: receipt.first, count: receipt.count, stats: writer.stats } satisfies WriterReply),
    (error: unknown) => {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      port.postMessage({ id: request.id, error: cause instanceof Error ? cause.message : String(cause), stats: writer.stats } satisfies WriterReply);
    },
  );
});
