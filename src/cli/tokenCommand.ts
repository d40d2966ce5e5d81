import { mintDemoToken, loadDemoKeys } from '../auth/index.js';
import { DEMO_AGENCIES } from '../embedded/demoAgencies.js';
import { UsageError, parse, run } from './parse.js';

/** `reintegra token`: a JWT from a demo agency's issuer, for the embedded demo only. */
export function tokenCommand(args: string[]): Promise<number> {
  return run(async () => {
    const { values } = parse(args, {
      agency: { type: 'string' },
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '15m' },
      client: { type: 'string' },
    });
    const agency = DEMO_AGENCIES.find((a) => a.id === values.agency);
    if (!agency) throw new UsageError(`--agency must be one of ${DEMO_AGENCIES.map((a) => a.id).join(', ')}`);
    const roles = values.role ?? [];
    if (roles.length === 0) throw new UsageError(`--role is required (${agency.id}: ${agency.roles.join(', ')})`);
    for (const role of roles) if (!agency.roles.includes(role)) throw new UsageError(`agency ${agency.id} has no role ${role} (${agency.roles.join(', ')})`);
    if (!/^\d+[smhd]$/.test(values.ttl!)) throw new UsageError('--ttl must look like 30s, 15m, 8h or 1d');
    if (values.sub !== undefined && !/^[\w.@:-]{1,128}$/.test(values.sub)) throw new UsageError('--sub must be 1–128 letters, digits or . _ @ : -');
    // Create every demo agency's key at once so a concurrent `serve` reads the same file.
    await loadDemoKeys(DEMO_AGENCIES.map((a) => a.id));
    const token = await mintDemoToken({ agency: agency.id, roles, ttl: values.ttl!, ...(values.sub ? { sub: values.sub } : {}), ...(values.client ? { client: values.client } : {}) });
    process.stdout.write(`${token}\n`);
    return 0;
  });
}
