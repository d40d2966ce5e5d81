import { describeWithPostgres } from '../../support/servers.js';
import { openStore } from '../../../src/store/index.js';
import { createTestDatabase } from './auditFixtures.js';
import { auditLogSuite } from './auditLogSuite.js';

describeWithPostgres('the audit log on PostgreSQL', () => {
  auditLogSuite(async () => {
    const db = await createTestDatabase('reintegra_audit');
    const store = await openStore({ kind: 'postgres', url: db.url, poolSize: 4 });
    return {
      store,
      async close() {
        await store.close();
        await db.drop();
      },
    };
  });
});
