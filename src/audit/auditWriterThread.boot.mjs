// The audit writer thread's entry (WorkerAuditStore). The sources are TypeScript run through tsx,
// as everywhere else (bin/reintegra.js); a thread starts without the loader, so it registers it.
import { register } from 'tsx/esm/api';

register();
await import('./auditWriterThread.ts');
