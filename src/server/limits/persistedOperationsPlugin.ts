import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../../config/index.js';
import type { GatewayContext } from '../../context/index.js';
import { ConfigInvalid } from '../../errors/index.js';

type Manifest = Map<string, Map<string, string>>;

/**
 * Trusted (persisted) operations per client. A client may send a known operation by id
 * (`extensions.persistedQuery.sha256Hash`, without `query`) or by its full text; in `enforce`
 * mode anything not in its list is refused (`PERSISTED_QUERY_NOT_ALLOWED`), in `log` mode it runs
 * and is logged. The operation id is kept in the context for the audit event.
 * The `persistedQuery` extension is always taken away before Apollo sees it (Apollo's automatic
 * persisted queries are off, and it would answer any such request with an internal error): an id
 * sent alone to a gateway with `mode: off` is refused (`PERSISTED_QUERY_NOT_SUPPORTED`, so that
 * a client using automatic persisted queries sends the full text), and an id sent beside the full
 * text is ignored, the text being what runs.
 */
export function persistedOperationsPlugin(config: GatewayConfig['persistedOperations'], baseDir: string, logger: Logger): ApolloServerPlugin<GatewayContext> {
  const manifest = config.mode === 'off' ? null : loadManifest(resolve(baseDir, config.manifest!));
  return {
    async requestDidStart({ request, contextValue }) {
      const refuse = (error: GraphQLError) => ({
        // Thrown once the operation is resolved, before anything executes: Apollo then answers
        // with the error and its status (errors thrown earlier would end as a 500).
        async didResolveOperation() {
          throw error;
        },
      });
      const extensions = request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
      const persisted = extensions?.persistedQuery;
      if (persisted !== undefined) delete (request.extensions as Record<string, unknown>).persistedQuery;
      const requested = persisted?.sha256Hash;
      if (manifest === null) {
        if (persisted === undefined || request.query !== undefined) return {};
        request.query = '{ __typename }';
        return refuse(new GraphQLError('Operations cannot be sent by id to this gateway; send the full text.', { extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED', http: { status: 400 } } }));
      }
      const client = contextValue.principal.client ?? contextValue.principal.sub;
      const known = manifest.get(client);
      if (typeof requested === 'string' && request.query === undefined) {
        const id = requested.replace(/^sha256:/, '');
        const document = known?.get(id);
        if (document === undefined) {
          request.query = '{ __typename }';
          return refuse(new GraphQLError('Unknown operation id for this client.', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } }));
        }
        request.query = document;
        contextValue.operationId = id;
        return {};
      }
      const id = createHash('sha256').update(request.query ?? '').digest('hex');
      if (known?.has(id)) {
        contextValue.operationId = id;
        return {};
      }
      if (config.mode === 'enforce') {
        logger.warn({ client, operationId: id, requestId: contextValue.requestId }, 'refused an operation not in the client’s trusted list');
        return refuse(new GraphQLError('This client may only run its registered operations.', { extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 400 } } }));
      }
      logger.warn({ client, operationId: id, requestId: contextValue.requestId }, 'ran an operation not in the client’s trusted list');
      return {};
    },
  };
}

/** Reads the manifest; ids are the SHA-256 (hex) of each document, and are checked to be. */
function loadManifest(file: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ConfigInvalid(`persistedOperations.manifest: cannot read ${file}`, { cause });
  }
  const manifest: Manifest = new Map();
  for (const [client, operations] of Object.entries(raw as Record<string, Record<string, string>>)) {
    const ops = new Map<string, string>();
    for (const [id, document] of Object.entries(operations)) {
      const hash = createHash('sha256').update(document).digest('hex');
      if (hash !== id.replace(/^sha256:/, '')) throw new ConfigInvalid(`persistedOperations.manifest: ${client}/${id} is not the SHA-256 of its document`);
      ops.set(hash, document);
    }
    manifest.set(client, ops);
  }
  return manifest;
}
